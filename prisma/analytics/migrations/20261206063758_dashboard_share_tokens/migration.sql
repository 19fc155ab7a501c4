-- AlterTable
ALTER TABLE "dashboards" ADD COLUMN     "share_token_hash" CHAR(64);
