import type { SubgraphName } from '@codex/kit';
import type pg from 'pg';
import { analyticsTables } from './analytics.ts';
import { authTables } from './auth.ts';
import { billingTables } from './billing.ts';
import { cmsTables } from './cms.ts';
import { crmTables } from './crm.ts';
import { markerSlugPrefix } from './plan.ts';
import type { Progress } from './progress.ts';
import { inTransactionWithoutStatsTriggers } from './stats.ts';

/** Each service's seeded tables, children before parents (the order rows are deleted in). */
export const seededTables: Record<SubgraphName, readonly string[]> = {
  auth: authTables,
  crm: crmTables,
  cms: cmsTables,
  billing: billingTables,
  analytics: analyticsTables,
};

/** The marker of earlier scale data: tenants whose slug starts with `scale-`. */
export async function seededTenantIds(auth: pg.Client): Promise<string[]> {
  const { rows } = await auth.query<{ id: string }>(`SELECT id FROM tenants WHERE slug LIKE $1`, [
    `${markerSlugPrefix}%`,
  ]);
  return rows.map((row) => row.id);
}

/** Every table of the database with a tenant_id column: stats tables others add are cleared too. */
async function tenantTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT c.table_name AS "table" FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((row) => row.table);
}

/**
 * Deletes every row of the earlier seeded tenants, whatever made it (the seeder, or someone
 * trying the API as a seeded user), leaving other tenants (the demo) alone. Auth goes last: its
 * tenants are the marker, so an interrupted reset can be run again.
 */
export async function deleteSeededTenants(
  clients: Record<SubgraphName, pg.Client>,
  tenantIds: string[],
  progress: Progress,
): Promise<void> {
  for (const service of ['crm', 'cms', 'billing', 'analytics', 'auth'] as const) {
    const client = clients[service];
    const started = performance.now();
    const known = seededTables[service];
    const others = (await tenantTables(client)).filter((table) => !known.includes(table));
    // Unknown tables (audit logs, stats) may reference known ones: delete them first.
    // Stats triggers stay off like during the load: the rebuild after seeding recounts everything.
    await inTransactionWithoutStatsTriggers(client, [...others, ...known], async () => {
      for (const table of [...others, ...known]) {
        const column = table === 'tenants' ? 'id' : 'tenant_id';
        await client.query(`DELETE FROM ${client.escapeIdentifier(table)} WHERE ${column} = ANY($1::uuid[])`, [
          tenantIds,
        ]);
      }
    });
    progress.note(
      `reset ${service}: ${tenantIds.length} seeded tenants deleted in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
