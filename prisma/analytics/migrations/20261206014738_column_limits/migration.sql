-- AlterTable
ALTER TABLE "dashboards" ALTER COLUMN "name" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "description" SET DATA TYPE VARCHAR(2000);

-- AlterTable
-- Types only: PostgreSQL rebuilds the primary key's index itself (Prisma's diff would drop and re-add it).
ALTER TABLE "event_idempotency_keys" ALTER COLUMN "idempotency_key" SET DATA TYPE VARCHAR(200);

-- AlterTable
ALTER TABLE "events" ALTER COLUMN "idempotency_key" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "name" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "session_id" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "page_url" SET DATA TYPE VARCHAR(2048),
ALTER COLUMN "page_title" SET DATA TYPE VARCHAR(500),
ALTER COLUMN "referrer" SET DATA TYPE VARCHAR(2048),
ALTER COLUMN "device" SET DATA TYPE VARCHAR(100),
ALTER COLUMN "browser" SET DATA TYPE VARCHAR(100),
ALTER COLUMN "os" SET DATA TYPE VARCHAR(100);
