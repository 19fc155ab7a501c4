-- The search trigger names these columns (UPDATE OF), which blocks a type change: drop it and create
-- it again as it was.
DROP TRIGGER "customers_search_vector_refresh" ON "customers";

-- AlterTable
ALTER TABLE "customers" ALTER COLUMN "email" SET DATA TYPE VARCHAR(320),
ALTER COLUMN "first_name" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "last_name" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "company" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "phone" SET DATA TYPE VARCHAR(64),
ALTER COLUMN "source" SET DATA TYPE VARCHAR(100),
ALTER COLUMN "tags" SET DATA TYPE VARCHAR(50)[];

-- AlterTable
ALTER TABLE "interactions" ALTER COLUMN "subject" SET DATA TYPE VARCHAR(300),
ALTER COLUMN "body" SET DATA TYPE VARCHAR(20000);

-- AlterTable
ALTER TABLE "leads" ALTER COLUMN "title" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "source" SET DATA TYPE VARCHAR(100),
ALTER COLUMN "lost_reason" SET DATA TYPE VARCHAR(500);

-- AlterTable
ALTER TABLE "pipeline_stages" ALTER COLUMN "name" SET DATA TYPE VARCHAR(200);

-- AlterTable
ALTER TABLE "pipelines" ALTER COLUMN "name" SET DATA TYPE VARCHAR(200);

CREATE TRIGGER "customers_search_vector_refresh"
BEFORE INSERT OR UPDATE OF "first_name", "last_name", "email", "company", "phone", "tags" ON "customers"
FOR EACH ROW EXECUTE FUNCTION "customers_search_vector_refresh"();
