-- Hand-written (Prisma does not model CHECKs): every date-time column that takes input or is derived
-- from it stays within 1900-01-01 .. 9999-12-31 (UTC), so every stored value still serialises as a
-- GraphQL DateTime on later reads. Violations are SQLSTATE 23514 with constraint <table>_<column>_window.

ALTER TABLE "api_keys"
  ADD CONSTRAINT "api_keys_expires_at_window" CHECK ("expires_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');

ALTER TABLE "user_role_grants"
  ADD CONSTRAINT "user_role_grants_expires_at_window" CHECK ("expires_at" BETWEEN '1900-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999+00');
