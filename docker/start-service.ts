// Container entry: runs the service named by $SERVICE with the same main module as `npm start` uses.
const service = process.env.SERVICE ?? 'gateway';
const entries: Record<string, string> = {
  gateway: '../gateway/src/main.ts',
  auth: '../subgraphs/auth/src/main.ts',
  crm: '../subgraphs/crm/src/main.ts',
  cms: '../subgraphs/cms/src/main.ts',
  billing: '../subgraphs/billing/src/main.ts',
  analytics: '../subgraphs/analytics/src/main.ts',
};
const entry = entries[service];
if (!entry) {
  console.error(`Invalid setting SERVICE: expected one of ${Object.keys(entries).join(', ')}`);
  process.exit(1);
}
await import(new URL(entry, import.meta.url).href);
