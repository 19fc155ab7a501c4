-- CreateTable
CREATE TABLE "signing_keys" (
    "kid" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_key_encrypted" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activates_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retires_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE INDEX "signing_keys_retires_at_created_at_idx" ON "signing_keys"("retires_at", "created_at");

-- CreateIndex
CREATE INDEX "auth_events_email_type_created_at_idx" ON "auth_events"("email", "type", "created_at");

-- CreateIndex
CREATE INDEX "auth_events_ip_type_created_at_idx" ON "auth_events"("ip", "type", "created_at");

-- CreateIndex
CREATE INDEX "sessions_revoked_at_idx" ON "sessions"("revoked_at");
