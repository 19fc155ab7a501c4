-- Emails are bounded by SMTP's 254 characters (RFC 5321 forward path), the bound the API has always
-- enforced, so no stored address is longer. The search trigger names the column (UPDATE OF), which
-- blocks a type change: drop it and create it again as it was.
DROP TRIGGER "customers_search_vector_refresh" ON "customers";

-- AlterTable
ALTER TABLE "customers" ALTER COLUMN "email" SET DATA TYPE VARCHAR(254);

CREATE TRIGGER "customers_search_vector_refresh"
BEFORE INSERT OR UPDATE OF "first_name", "last_name", "email", "company", "phone", "tags" ON "customers"
FOR EACH ROW EXECUTE FUNCTION "customers_search_vector_refresh"();
