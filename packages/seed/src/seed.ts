import { subgraphNames, type Logger, type SubgraphName } from '@codex/kit';
import type pg from 'pg';
import { seedAnalytics } from './analytics.ts';
import { seedAuth } from './auth.ts';
import { seedBilling } from './billing.ts';
import { seedCms } from './cms.ts';
import type { SeedOptions } from './config.ts';
import { seedCrm } from './crm.ts';
import { connectForLoad, migrateAll } from './databases.ts';
import { planScale } from './plan.ts';
import type { Progress, TableFigures } from './progress.ts';
import { deleteSeededTenants, seededTables, seededTenantIds } from './reset.ts';
import { analyzeTables, rebuildStats } from './stats.ts';

export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

export interface SeedReport {
  tenants: number;
  seconds: number;
  tables: TableFigures[];
}

type Clients = Record<SubgraphName, pg.Client>;

/** Each service's load, in an order that lets --reset and a failed run be resumed (Auth, the marker, first). */
const loads: Record<
  SubgraphName,
  (clients: Clients, second: pg.Client | null, plan: ReturnType<typeof planScale>, progress: Progress) => Promise<void>
> = {
  auth: (c, _, plan, progress) => seedAuth(c.auth, plan, progress),
  crm: (c, _, plan, progress) => seedCrm(c.crm, plan, progress),
  cms: (c, _, plan, progress) => seedCms(c.cms, plan, progress),
  billing: (c, _, plan, progress) => seedBilling(c.billing, plan, progress),
  analytics: (c, second, plan, progress) => seedAnalytics([c.analytics, second!], plan, progress),
};

/**
 * Fresh planner statistics first, then the trigger-kept figures rebuilt from the load (Auth keeps
 * none): planned on the statistics of the tables before the load (empty, or before a reset), the
 * rebuilds' joins became nested loops over millions of rows and ran for over 15 minutes.
 */
async function finishService(service: SubgraphName, client: pg.Client, progress: Progress) {
  await analyzeTables(client, seededTables[service], progress);
  if (service !== 'auth') await rebuildStats(client, service, progress);
}

/**
 * Fills the five databases with `options.scale` × the spec's target scale. Refuses databases that
 * already hold scale data unless `reset` is set, which deletes the earlier seeded tenants first.
 */
export async function seedScale(
  urls: Record<SubgraphName, string>,
  options: SeedOptions,
  progress: Progress,
  logger: Logger,
): Promise<SeedReport> {
  const started = performance.now();
  await migrateAll(urls, logger);
  const clients = {} as Clients;
  let second: pg.Client | null = null;
  try {
    for (const service of subgraphNames) clients[service] = await connectForLoad(urls[service]);
    second = await connectForLoad(urls.analytics);
    const earlier = await seededTenantIds(clients.auth);
    if (earlier.length > 0 && !options.reset) {
      throw new SeedRefusedError(
        `These databases already hold scale data (${earlier.length} tenants with slug scale-…); run again with --reset to replace it`,
      );
    }
    if (earlier.length > 0) await deleteSeededTenants(clients, earlier, progress);
    const plan = planScale(options);
    progress.note(
      `seeding ${plan.tenants.length} tenants at scale ${options.scale} (as of ${plan.anchor.toISOString().slice(0, 10)})`,
    );
    for (const service of subgraphNames) {
      await loads[service](clients, second, plan, progress);
      await finishService(service, clients[service], progress);
    }
    const seconds = (performance.now() - started) / 1000;
    const tables = progress.figures();
    progress.note(
      `done: ${tables.reduce((sum, t) => sum + t.rows, 0).toLocaleString('en-US')} rows in ${tables.length} tables, ${seconds.toFixed(1)} s in all`,
    );
    return { tenants: plan.tenants.length, seconds, tables };
  } finally {
    await Promise.all(
      [...Object.values(clients), ...(second ? [second] : [])].map((client) => client.end().catch(() => undefined)),
    );
  }
}
