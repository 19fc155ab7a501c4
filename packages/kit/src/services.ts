/** The five subgraphs, their default ports and the prefix of their settings (CRM_PORT, CRM_DATABASE_URL…). */
export const subgraphNames = ['auth', 'crm', 'cms', 'billing', 'analytics'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export const defaultPorts: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  auth: 4001,
  crm: 4002,
  cms: 4003,
  billing: 4004,
  analytics: 4005,
};

export const settingPrefix = (service: SubgraphName) => service.toUpperCase();

/** Database name each subgraph uses in the embedded cluster and in docker-compose. */
export const databaseName = (service: SubgraphName) => `codex_${service}`;

/** Analytics' gateway-only route: the allowed web origins of the identity's tenant, for `POST /ingest`'s CORS. */
export const ingestionOriginsPath = '/internal/ingestion-origins';
