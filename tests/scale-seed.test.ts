import { createLogger, subgraphNames, type SubgraphName } from '@codex/kit';
import { createProgress, seedScale, type SeedOptions } from '@codex/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, query } from './support/scratch-database.ts';

// Scale 0.002 with 2 tenants: 200 customers, 600 leads, 300 interactions, 40 subscriptions, 10,000 events.
const options: SeedOptions = { scale: 0.002, tenants: 2, anchor: new Date('2026-11-23T00:00:00Z'), reset: false };
const quiet = createProgress({ write: () => true, isTTY: false });
const logger = createLogger({ service: 'scale-seed-test', level: 'silent' });

const urls = {} as Record<SubgraphName, string>;
const drops: (() => Promise<void>)[] = [];

const count = async (service: SubgraphName, sql: string) =>
  Number((await query<{ n: string }>(urls[service], sql))[0]!.n);
const customersDigest = () =>
  query<{ digest: string }>(urls.crm, `SELECT md5(string_agg(c::text, '|' ORDER BY id)) AS digest FROM customers c`);

beforeAll(async () => {
  for (const service of subgraphNames) {
    const database = await createScratchDatabase();
    drops.push(database.drop);
    urls[service] = database.url;
  }
  await seedScale(urls, options, quiet, logger);
}, 120_000);

afterAll(async () => {
  await Promise.all(drops.map((drop) => drop()));
});

describe('scale seed (npm run seed:scale) at scale 0.002', () => {
  it('writes the planned number of rows in every table', async () => {
    const expected: [SubgraphName, string, number][] = [
      ['auth', 'tenants', 2],
      ['auth', 'users', 7],
      ['crm', 'customers', 200],
      ['crm', 'pipelines', 2],
      ['crm', 'pipeline_stages', 10],
      ['crm', 'leads', 600],
      ['crm', 'interactions', 300],
      ['cms', 'content_types', 4],
      ['cms', 'content_items', 40],
      ['cms', 'media_files', 10],
      ['cms', 'pages', 10],
      ['billing', 'plans', 6],
      ['billing', 'subscriptions', 40],
      ['billing', 'invoice_number_counters', 2],
      ['analytics', 'events', 10_000],
      ['analytics', 'event_idempotency_keys', 10_000],
    ];
    for (const [service, table, rows] of expected) {
      expect({ table, rows: await count(service, `SELECT count(*) AS n FROM ${table}`) }).toEqual({ table, rows });
    }
    const billed = await count('billing', `SELECT 3 * count(*) AS n FROM subscriptions WHERE status <> 'TRIALING'`);
    expect(await count('billing', 'SELECT count(*) AS n FROM invoices')).toBe(billed);
    expect(await count('billing', 'SELECT count(*) AS n FROM invoice_line_items')).toBe(billed);
    expect(await count('billing', `SELECT count(DISTINCT status) AS n FROM subscriptions`)).toBe(4);
    expect(await count('crm', `SELECT count(DISTINCT status) AS n FROM leads`)).toBe(3);
  });

  it('gives each event an idempotency key and the events.count rollups the same total', async () => {
    expect(
      await count(
        'analytics',
        `SELECT count(*) AS n FROM events e JOIN event_idempotency_keys k ON k.tenant_id = e.tenant_id AND k.idempotency_key = e.idempotency_key AND k.event_id = e.id`,
      ),
    ).toBe(10_000);
    expect(
      await count(
        'analytics',
        `SELECT sum(value) AS n FROM metric_rollups WHERE metric = 'events.count' AND granularity = 'DAY' AND dimensions_hash = ''`,
      ),
    ).toBe(10_000);
    expect(
      await count(
        'analytics',
        `SELECT sum(value) AS n FROM metric_rollups WHERE metric = 'events.count' AND granularity = 'HOUR' AND dimensions_hash <> ''`,
      ),
    ).toBe(10_000);
  });

  it('makes rows of one tenant reference only rows of the same tenant', async () => {
    const tenantOf = async (service: SubgraphName, table: string) =>
      new Map(
        (await query<{ id: string; tenant_id: string }>(urls[service], `SELECT id, tenant_id FROM ${table}`)).map(
          (row) => [row.id, row.tenant_id],
        ),
      );
    const users = await tenantOf('auth', 'users');
    const customers = await tenantOf('crm', 'customers');
    const foreign = (rows: { tenant_id: string; ref: string | null }[], owners: Map<string, string>) =>
      rows.filter((row) => row.ref !== null && owners.get(row.ref) !== row.tenant_id);

    const leads = await query<{ tenant_id: string; ref: string | null }>(
      urls.crm,
      'SELECT tenant_id, assignee_id AS ref FROM leads',
    );
    expect(foreign(leads, users)).toEqual([]);
    const subscriptions = await query<{ tenant_id: string; ref: string | null }>(
      urls.billing,
      'SELECT tenant_id, customer_id AS ref FROM subscriptions',
    );
    expect(foreign(subscriptions, customers)).toEqual([]);
    const eventUsers = await query<{ tenant_id: string; ref: string | null }>(
      urls.analytics,
      'SELECT tenant_id, user_id AS ref FROM events',
    );
    expect(foreign(eventUsers, users)).toEqual([]);
    const eventCustomers = await query<{ tenant_id: string; ref: string | null }>(
      urls.analytics,
      'SELECT tenant_id, customer_id AS ref FROM events',
    );
    expect(foreign(eventCustomers, customers)).toEqual([]);
    const items = await query<{ tenant_id: string; ref: string | null }>(
      urls.cms,
      'SELECT tenant_id, author_id AS ref FROM content_items',
    );
    expect(foreign(items, users)).toEqual([]);

    const sameDatabase: [SubgraphName, string][] = [
      [
        'crm',
        `SELECT count(*) AS n FROM leads l JOIN customers c ON c.id = l.customer_id WHERE c.tenant_id <> l.tenant_id`,
      ],
      [
        'crm',
        `SELECT count(*) AS n FROM leads l JOIN pipeline_stages s ON s.id = l.stage_id WHERE s.tenant_id <> l.tenant_id`,
      ],
      [
        'crm',
        `SELECT count(*) AS n FROM interactions i LEFT JOIN leads l ON l.id = i.lead_id JOIN customers c ON c.id = i.customer_id WHERE c.tenant_id <> i.tenant_id OR l.tenant_id <> i.tenant_id`,
      ],
      [
        'billing',
        `SELECT count(*) AS n FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE p.tenant_id <> s.tenant_id`,
      ],
      [
        'billing',
        `SELECT count(*) AS n FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id WHERE s.tenant_id <> i.tenant_id OR s.customer_id <> i.customer_id`,
      ],
      [
        'billing',
        `SELECT count(*) AS n FROM invoice_line_items li JOIN invoices i ON i.id = li.invoice_id WHERE i.tenant_id <> li.tenant_id`,
      ],
    ];
    for (const [service, sql] of sameDatabase) expect({ sql, n: await count(service, sql) }).toEqual({ sql, n: 0 });
  });

  it('numbers invoices INV-000001… per tenant without duplicates or gaps, as the counters say', async () => {
    const rows = await query<{
      tenant_id: string;
      numbers: string;
      distinct_numbers: string;
      top: string;
      last_value: number;
    }>(
      urls.billing,
      `SELECT i.tenant_id, count(*) AS numbers, count(DISTINCT i.number) AS distinct_numbers, max(i.number) AS top, c.last_value
       FROM invoices i JOIN invoice_number_counters c ON c.tenant_id = i.tenant_id GROUP BY i.tenant_id, c.last_value`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Number(row.distinct_numbers)).toBe(Number(row.numbers));
      expect(row.top).toBe(`INV-${String(row.numbers).padStart(6, '0')}`);
      expect(row.last_value).toBe(Number(row.numbers));
    }
  });

  it('leaves triggers, forced row-level security and search vectors in place', async () => {
    expect(await count('crm', `SELECT count(*) AS n FROM customers WHERE search_vector IS NULL`)).toBe(0);
    for (const service of subgraphNames) {
      expect(
        await count(service, `SELECT count(*) AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`),
      ).toBe(0);
      const unforced = await query<{ relname: string }>(
        urls[service],
        `SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
         WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND NOT c.relforcerowsecurity`,
      );
      expect(unforced).toEqual([]);
    }
  });

  it('refuses to seed twice, and with --reset makes the same data again', async () => {
    const before = await customersDigest();
    await expect(seedScale(urls, options, quiet, logger)).rejects.toThrow(/already hold scale data.*--reset/);
    await seedScale(urls, { ...options, reset: true }, quiet, logger);
    expect(await customersDigest()).toEqual(before);
    expect(await count('analytics', 'SELECT count(*) AS n FROM events')).toBe(10_000);
  }, 120_000);
});
