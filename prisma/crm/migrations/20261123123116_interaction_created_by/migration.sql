-- AlterTable
ALTER TABLE "interactions" ADD COLUMN     "created_by_id" UUID;
