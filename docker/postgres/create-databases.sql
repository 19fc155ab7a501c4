-- Runs once when the postgres volume is created: one database per subgraph.
CREATE DATABASE codex_auth;
CREATE DATABASE codex_crm;
CREATE DATABASE codex_cms;
CREATE DATABASE codex_billing;
CREATE DATABASE codex_analytics;
