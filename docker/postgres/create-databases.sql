-- Runs once when the postgres volume is created, as the superuser (POSTGRES_USER): one database
-- per subgraph, owned by codex_app, the role the services connect as. codex_app is neither
-- superuser nor BYPASSRLS, so the row-level security policies of the migrations hold for every
-- query the services make; owning the databases lets each subgraph's migrator create its tables
-- (PostgreSQL 15+ gives CREATE on `public` only to the database owner).
\getenv app_password APP_DB_PASSWORD
CREATE ROLE codex_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
-- Bounded work per request (README "Bounded work"): no statement of the role runs past 5 s and no
-- transaction sits idle past 10 s, whoever connects as it. The services also set their own
-- (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS) on every connection.
ALTER ROLE codex_app SET statement_timeout = '5s';
ALTER ROLE codex_app SET idle_in_transaction_session_timeout = '10s';

CREATE DATABASE codex_auth;
CREATE DATABASE codex_crm;
CREATE DATABASE codex_cms;
CREATE DATABASE codex_billing;
CREATE DATABASE codex_analytics;

ALTER DATABASE codex_auth OWNER TO codex_app;
ALTER DATABASE codex_crm OWNER TO codex_app;
ALTER DATABASE codex_cms OWNER TO codex_app;
ALTER DATABASE codex_billing OWNER TO codex_app;
ALTER DATABASE codex_analytics OWNER TO codex_app;
