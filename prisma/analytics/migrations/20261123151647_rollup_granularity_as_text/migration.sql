-- Prisma's diff dropped and re-added the column (losing every rollup); edited to convert it in
-- place. ALTER TYPE rebuilds the indexes that include the column, under their names.
-- DropIndex
DROP INDEX "metric_rollups_tenant_id_granularity_period_start_idx";

-- DropIndex (moved here from the next migration, which replaces it: not rebuilt by the ALTER below)
DROP INDEX "metric_rollups_metric_granularity_period_start_idx";

-- AlterTable
ALTER TABLE "metric_rollups" ALTER COLUMN "granularity" SET DATA TYPE TEXT USING "granularity"::text;

-- DropEnum
DROP TYPE "rollup_granularity";
