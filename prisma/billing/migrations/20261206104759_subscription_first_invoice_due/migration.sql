-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "first_invoice_due" BOOLEAN NOT NULL DEFAULT false;
