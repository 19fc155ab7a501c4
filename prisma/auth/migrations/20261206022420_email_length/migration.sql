-- Emails are bounded by SMTP's 254 characters (RFC 5321 forward path), the bound the API has always
-- enforced, so no stored address is longer.
-- AlterTable
ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE VARCHAR(254);
