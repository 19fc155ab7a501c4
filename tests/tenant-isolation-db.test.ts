import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { allTenants, databaseName, subgraphNames, withScope, type DataScope } from '@codex/kit';
import { analyticsTenantKeys } from '@codex/subgraph-analytics';
import { authTenantKeys, createAuthDatabase, scopeAuthDatabase } from '@codex/subgraph-auth';
import { billingTenantKeys } from '@codex/subgraph-billing';
import { cmsTenantKeys } from '@codex/subgraph-cms';
import { createCrmDatabase, crmTenantKeys, scopeCrmDatabase, type CrmDatabase } from '@codex/subgraph-crm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { query } from './support/scratch-database.ts';

/**
 * Tenant isolation at the database: the Prisma extension (first wall) and PostgreSQL row-level
 * security (second wall), each shown on its own, on the platform's databases as the services'
 * role. Each test makes its own tenants, so the other suites' rows never matter.
 */
const crmUrl = inject('databaseUrls').crm;
const adminUrlOf = (database: string) => inject('adminDatabaseUrl').replace(/\/postgres$/, `/${database}`);

const crm = createCrmDatabase(crmUrl);
const everyTenant = scopeCrmDatabase(crm, allTenants);
const tenantScope = (tenantId: string): DataScope => ({ kind: 'tenant', tenantId });
afterAll(() => crm.$disconnect());

/** Two fresh tenants with `perTenant` customers each, written across tenants on purpose. */
async function twoTenants(perTenant = 2) {
  const [a, b] = [randomUUID(), randomUUID()];
  await everyTenant.customer.createMany({
    data: [a, b].flatMap((tenantId) =>
      Array.from({ length: perTenant }, (_, i) => ({
        tenantId,
        email: `c${i}@${tenantId}.test`,
        firstName: 'Ada',
        lastName: `Customer ${i}`,
      })),
    ),
  });
  return { a, b };
}

/** Runs `work` as the services' role in one transaction, with `settings` set transaction-locally. */
async function asApp<T>(settings: Record<string, string>, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: crmUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const [name, value] of Object.entries(settings))
      await client.query('SELECT set_config($1, $2, true)', [name, value]);
    return await work(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}
/** The one policy every tenant-owned table has, as PostgreSQL prints it: the scope read by two InitPlans. */
const oncePerStatementPolicy = (column: string) =>
  `((${column} = ( SELECT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid AS "nullif")) OR (( SELECT current_setting('app.all_tenants'::text, true) AS current_setting) = 'on'::text))`;
const tenantIdsSeen = async (client: pg.Client, ...tenants: string[]) =>
  (
    await client.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM customers WHERE tenant_id = ANY($1)', [
      tenants,
    ])
  ).rows.map((row) => row.tenant_id);

describe("the services' database role", () => {
  it.each(subgraphNames)(
    'the %s subgraph connects as a role that is neither superuser nor BYPASSRLS and owns its database',
    async (name) => {
      const url = inject('databaseUrls')[name];
      const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean; owns: boolean }>(
        url,
        `SELECT rolsuper, rolbypassrls, (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) = current_user AS owns
       FROM pg_roles WHERE rolname = current_user`,
      );
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owns: true });
      expect(new URL(url).pathname).toBe(`/${databaseName(name)}`);
    },
  );
});

describe('row-level security (the second wall)', () => {
  it.each(subgraphNames)(
    'every %s table with a tenant_id has row-level security enabled, forced and a policy',
    async (name) => {
      const tables = await query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
        adminUrlOf(databaseName(name)),
        `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
       ORDER BY 1`,
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables)
        expect(table, table.table).toEqual({ table: table.table, enabled: true, forced: true, policies: 1 });
    },
  );

  it.each(subgraphNames)(
    'every %s policy is tenant_isolation and reads the scope once per statement (InitPlans, not a settings lookup per row)',
    async (name) => {
      const policies = await query<{ table: string; policy: string; command: string; using: string; check: string }>(
        adminUrlOf(databaseName(name)),
        `SELECT c.relname AS table, p.polname AS policy, p.polcmd AS command,
              pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' ORDER BY 1`,
      );
      expect(policies.length).toBeGreaterThan(0);
      for (const { table, policy, command, using, check } of policies) {
        const column = name === 'auth' && table === 'tenants' ? 'id' : 'tenant_id';
        const expected = oncePerStatementPolicy(column);
        expect({ table, policy, command, using, check }).toEqual({
          table,
          policy: 'tenant_isolation',
          command: '*',
          using: expected,
          check: expected,
        });
      }
    },
  );

  it('gives a month partition of events made after the migrations the same policy', async () => {
    const client = new pg.Client({ connectionString: adminUrlOf(databaseName('analytics')) });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT analytics_create_event_partition('2099-01-01')`);
      const { rows } = await client.query<{ using: string }>(
        `SELECT pg_get_expr(polqual, polrelid) AS using FROM pg_policy WHERE polrelid = 'events_p2099_01'::regclass`,
      );
      expect(rows).toEqual([{ using: oncePerStatementPolicy('tenant_id') }]);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('leaves the migration history alone', async () => {
    const [history] = await query<{ relrowsecurity: boolean }>(
      crmUrl,
      `SELECT relrowsecurity FROM pg_class WHERE relname = '_prisma_migrations'`,
    );
    expect(history?.relrowsecurity).toBe(false);
  });

  it('shows raw SQL no tenant rows when no tenant is set', async () => {
    const { a, b } = await twoTenants();
    await asApp({}, async (client) => expect(await tenantIdsSeen(client, a, b)).toEqual([]));
    await asApp({ 'app.tenant_id': '' }, async (client) => expect(await tenantIdsSeen(client, a, b)).toEqual([]));
  });

  it('shows raw SQL only the rows of the tenant set for the transaction', async () => {
    const { a, b } = await twoTenants();
    await asApp({ 'app.tenant_id': a }, async (client) => expect(await tenantIdsSeen(client, a, b)).toEqual([a]));
    await asApp({ 'app.all_tenants': 'on' }, async (client) =>
      expect((await tenantIdsSeen(client, a, b)).sort()).toEqual([a, b].sort()),
    );
  });

  it("refuses an INSERT of another tenant's row", async () => {
    const { a, b } = await twoTenants();
    await asApp({ 'app.tenant_id': a }, async (client) => {
      await expect(
        client.query(
          `INSERT INTO customers (tenant_id, email, first_name, last_name, updated_at) VALUES ($1, 'x@y.test', 'X', 'Y', now())`,
          [b],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it("refuses an UPDATE that moves a row to another tenant, and cannot reach the other tenant's rows", async () => {
    const { a, b } = await twoTenants();
    await asApp({ 'app.tenant_id': a }, async (client) => {
      await expect(client.query('UPDATE customers SET tenant_id = $2 WHERE tenant_id = $1', [a, b])).rejects.toThrow(
        /row-level security/,
      );
    });
    await asApp({ 'app.tenant_id': a }, async (client) => {
      expect(
        (await client.query(`UPDATE customers SET first_name = 'Mallory' WHERE tenant_id = $1`, [b])).rowCount,
      ).toBe(0);
      expect((await client.query('DELETE FROM customers WHERE tenant_id = $1', [b])).rowCount).toBe(0);
    });
  });

  it('shows a tenant only its own row of the tenant registry', async () => {
    const auth = scopeAuthDatabase(createAuthDatabase(inject('databaseUrls').auth), allTenants);
    try {
      const [a, b] = await Promise.all(
        [1, 2].map((i) => auth.tenant.create({ data: { slug: `rls-${i}-${randomUUID().slice(0, 8)}`, name: 'RLS' } })),
      );
      const seen = await query<{ id: string }>(
        inject('databaseUrls').auth,
        'SELECT id FROM tenants WHERE id = ANY($1)',
        [[a!.id, b!.id]],
      );
      expect(seen).toEqual([]); // a plain connection sets no tenant
      const scoped = scopeAuthDatabase(auth, tenantScope(a!.id));
      expect((await scoped.tenant.findMany({ where: { id: { in: [a!.id, b!.id] } } })).map((t) => t.id)).toEqual([
        a!.id,
      ]);
    } finally {
      await auth.$disconnect();
    }
  });
});

describe('the tenant-scope extension (the first wall)', () => {
  const tenantKeys = {
    auth: authTenantKeys,
    crm: crmTenantKeys,
    cms: cmsTenantKeys,
    billing: billingTenantKeys,
    analytics: analyticsTenantKeys,
  };

  it.each(subgraphNames)('knows every %s model that has a tenantId field', (name) => {
    const schema = readFileSync(new URL(`../prisma/${name}/schema.prisma`, import.meta.url), 'utf8');
    const models = [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)]
      .filter(([, , body]) => /^\s+tenantId\s/m.test(body!))
      .map(([, model]) => model!);
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) expect(tenantKeys[name], model).toHaveProperty(model, 'tenantId');
  });

  // On the superuser URL row-level security is bypassed, so only the extension narrows these.
  const superuser = createCrmDatabase(adminUrlOf(databaseName('crm')));
  afterAll(() => superuser.$disconnect());
  const walls: [string, CrmDatabase][] = [
    ["both walls (the services' role)", crm],
    ['the extension alone (superuser, RLS bypassed)', superuser],
  ];

  describe.each(walls)('with %s', (_label, client) => {
    it("findMany, count and groupBy without a tenant filter return only the scope's tenant", async () => {
      const { a, b } = await twoTenants(3);
      const db = scopeCrmDatabase(client, tenantScope(a));
      const mine = { tenantId: { in: [a, b] } };
      expect(new Set((await db.customer.findMany()).map((row) => row.tenantId))).toEqual(new Set([a]));
      expect(await db.customer.count({ where: mine })).toBe(3);
      const groups = await db.customer.groupBy({ by: ['tenantId'], where: mine, _count: { _all: true } });
      expect(groups).toEqual([{ tenantId: a, _count: { _all: 3 } }]);
      expect(await db.customer.findFirst({ where: { tenantId: b } })).toBeNull();
    });

    it("updateMany and deleteMany without a tenant filter touch only the scope's tenant", async () => {
      const { a, b } = await twoTenants(2);
      const db = scopeCrmDatabase(client, tenantScope(a));
      const onlyOurs = { email: { endsWith: '.test' }, tenantId: { in: [a, b] } };
      expect((await db.customer.updateMany({ where: onlyOurs, data: { company: 'Changed' } })).count).toBe(2);
      expect((await db.customer.deleteMany({ where: onlyOurs })).count).toBe(2);
      expect(await everyTenant.customer.count({ where: { tenantId: b, company: null } })).toBe(2);
      expect(await everyTenant.customer.count({ where: { tenantId: a } })).toBe(0);
    });

    it('refuses to create or move a row into another tenant', async () => {
      const { a, b } = await twoTenants(1);
      const db = scopeCrmDatabase(client, tenantScope(a));
      await expect(
        db.customer.create({ data: { tenantId: b, email: 'x@y.test', firstName: 'X', lastName: 'Y' } }),
      ).rejects.toThrow(/another tenant/);
      await expect(db.customer.updateMany({ data: { tenantId: b } })).rejects.toThrow(/another tenant/);
      const created = await db.customer.create({
        data: { tenantId: a, email: 'ok@y.test', firstName: 'O', lastName: 'K' },
      });
      expect(created.tenantId).toBe(a);
      expect(await everyTenant.customer.count({ where: { tenantId: b } })).toBe(1);
    });

    it("a unique lookup of another tenant's row finds nothing", async () => {
      const { b } = await twoTenants(1);
      const other = await everyTenant.customer.findFirstOrThrow({ where: { tenantId: b } });
      const db = scopeCrmDatabase(client, tenantScope(randomUUID()));
      expect(await db.customer.findUnique({ where: { id: other.id } })).toBeNull();
      await expect(db.customer.update({ where: { id: other.id }, data: { company: 'X' } })).rejects.toThrow();
    });

    it('the none scope (anonymous) sees nothing and writes nothing', async () => {
      const { a } = await twoTenants(1);
      const db = scopeCrmDatabase(client, { kind: 'none' });
      expect(await db.customer.count()).toBe(0);
      expect(await db.customer.findMany({ where: { tenantId: a } })).toEqual([]);
      await expect(
        db.customer.create({ data: { tenantId: a, email: 'n@y.test', firstName: 'N', lastName: 'O' } }),
      ).rejects.toThrow(/without a tenant/);
    });

    it('the allTenants scope sees every tenant', async () => {
      const { a, b } = await twoTenants(1);
      const db = scopeCrmDatabase(client, allTenants);
      expect(
        (
          await db.customer.groupBy({
            by: ['tenantId'],
            where: { tenantId: { in: [a, b] } },
            orderBy: { tenantId: 'asc' },
          })
        ).map((g) => g.tenantId),
      ).toEqual([a, b].sort());
    });
  });

  it('withScope runs several writes in one transaction with the tenant set, and rolls them back together', async () => {
    const { a, b } = await twoTenants(1);
    const scope = tenantScope(a);
    const db = scopeCrmDatabase(crm, scope);
    const seen = await withScope(db, scope, async (tx) => {
      await tx.customer.create({ data: { tenantId: a, email: 'tx@y.test', firstName: 'T', lastName: 'X' } });
      const raw = await tx.$queryRaw<
        { tenant_id: string }[]
      >`SELECT DISTINCT tenant_id::text FROM customers WHERE tenant_id = ANY(${[a, b]}::uuid[])`;
      return { raw: raw.map((row) => row.tenant_id), count: await tx.customer.count() };
    });
    expect(seen).toEqual({ raw: [a], count: 2 });

    await expect(
      withScope(db, scope, async (tx) => {
        await tx.customer.create({ data: { tenantId: a, email: 'rollback@y.test', firstName: 'R', lastName: 'B' } });
        throw new Error('second write failed');
      }),
    ).rejects.toThrow('second write failed');
    expect(await everyTenant.customer.count({ where: { tenantId: a, email: 'rollback@y.test' } })).toBe(0);
  });

  it('an interactive transaction opened without withScope sees no tenant rows (fails closed)', async () => {
    const { a } = await twoTenants(1);
    const db = scopeCrmDatabase(crm, tenantScope(a));
    expect(await db.$transaction((tx) => tx.customer.count())).toBe(0);
  });
});
