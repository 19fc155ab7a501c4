-- Hand-written (Prisma does not model CHECKs): every date-time column that takes input or is derived
-- from it stays within 1900-01-01 .. 9999-12-31 (UTC), so every stored value still serialises as a
-- GraphQL DateTime on later reads. Violations are SQLSTATE 23514 with constraint <table>_<column>_window.

ALTER TABLE "content_items"
  ADD CONSTRAINT "content_items_published_at_window" CHECK ("published_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "pages"
  ADD CONSTRAINT "pages_published_at_window" CHECK ("published_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');
