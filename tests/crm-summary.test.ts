import { allTenants, withScope } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCustomer, createLead, createPipeline, ok, type Caller } from './support/crm-api.ts';
import { connectDatabases } from './support/databases.ts';
import { platformPartOf, settled } from './support/platform-overview.ts';
import { identityOf } from './support/subgraph-request.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

type Money = { amount: string; currency: string };
type Stage = { stageId: string | null; stageName: string; pipelineName: string; openLeads: number; value: Money[] };
type Summary = {
  totalCustomers: number;
  totalLeads: number;
  openLeads: number;
  wonLeads: number;
  lostLeads: number;
  pipelineValue: Money[];
  weightedPipelineValue: Money[];
  averageProbability: string | null;
  wonValue: Money[];
  leadsByStage: Stage[];
};

const money = 'amount currency';
const figures = `totalCustomers totalLeads openLeads wonLeads lostLeads pipelineValue { ${money} } weightedPipelineValue { ${money} }
  averageProbability wonValue { ${money} } leadsByStage { stageId stageName pipelineName openLeads value { ${money} } }`;

/** Money per currency straight from the leads (`where` in SQL, over alias l). */
const moneySql = (where: string, amount = 'l.value') => `
  coalesce((SELECT json_agg(json_build_object('amount', m.amount, 'currency', m.currency) ORDER BY m.currency) FROM (
    SELECT round(sum(${amount}), 2)::text AS amount, l.currency::text AS currency FROM leads l WHERE ${where} GROUP BY l.currency) m), '[]'::json)`;

/**
 * Every figure computed from the base tables, never the stats tables. `tenant` narrows to one
 * tenant (stages by id); without it every tenant is summed (stages by pipeline and stage name).
 */
const directSql = (tenant: boolean) => {
  const mine = tenant ? 'l.tenant_id = $1::uuid' : 'true';
  const stageKey = tenant ? 'st.id' : 'p.name, st.name';
  return `SELECT
    (SELECT count(*) FROM customers c WHERE ${tenant ? 'c.tenant_id = $1::uuid' : 'true'})::int AS "totalCustomers",
    (SELECT count(*) FROM leads l WHERE ${mine})::int AS "totalLeads",
    (SELECT count(*) FROM leads l WHERE ${mine} AND l.status = 'OPEN')::int AS "openLeads",
    (SELECT count(*) FROM leads l WHERE ${mine} AND l.status = 'WON')::int AS "wonLeads",
    (SELECT count(*) FROM leads l WHERE ${mine} AND l.status = 'LOST')::int AS "lostLeads",
    ${moneySql(`${mine} AND l.status = 'OPEN'`)} AS "pipelineValue",
    ${moneySql(`${mine} AND l.status = 'OPEN'`, 'l.value * l.probability / 100')} AS "weightedPipelineValue",
    (SELECT round(avg(l.probability), 2)::text FROM leads l WHERE ${mine} AND l.status = 'OPEN') AS "averageProbability",
    ${moneySql(`${mine} AND l.status = 'WON'`)} AS "wonValue",
    coalesce((SELECT json_agg(json_build_object('stageId', s.stage_id, 'stageName', s.stage_name, 'pipelineName', s.pipeline_name,
        'openLeads', s.open_leads, 'value', s.value) ORDER BY s.pipeline_name, s.position, s.stage_name) FROM (
      SELECT ${tenant ? 'st.id::text' : 'NULL::text'} AS stage_id, st.name AS stage_name, p.name AS pipeline_name, min(st.position) AS position,
             count(*)::int AS open_leads,
             (SELECT json_agg(json_build_object('amount', v.amount, 'currency', v.currency) ORDER BY v.currency) FROM (
               SELECT round(sum(l2.value), 2)::text AS amount, l2.currency::text AS currency
               FROM leads l2 JOIN pipeline_stages st2 ON st2.id = l2.stage_id JOIN pipelines p2 ON p2.id = st2.pipeline_id
               WHERE l2.status = 'OPEN' AND ${tenant ? 'l2.stage_id = st.id' : 'p2.name = p.name AND st2.name = st.name'}
               GROUP BY l2.currency) v) AS value
      FROM leads l JOIN pipeline_stages st ON st.id = l.stage_id JOIN pipelines p ON p.id = st.pipeline_id
      WHERE ${mine} AND l.status = 'OPEN' GROUP BY ${stageKey}, st.name, p.name) s), '[]'::json) AS "leadsByStage"`;
};

const direct = (tenantId: string | null): Promise<Summary> =>
  withScope(db.crm, allTenants, async (tx) => {
    const rows = tenantId
      ? await tx.$queryRawUnsafe<Summary[]>(directSql(true), tenantId)
      : await tx.$queryRawUnsafe<Summary[]>(directSql(false));
    return rows[0]!;
  });

/** Customers per UTC day of the last 30 days, every tenant, straight from customers. */
const directGrowth = () =>
  withScope(db.crm, allTenants, (tx) =>
    tx.$queryRawUnsafe<{ day: Date; count: number }[]>(`
      SELECT d AS day, (SELECT count(*) FROM customers WHERE created_at >= d AND created_at < d + interval '1 day')::int AS count
      FROM generate_series(date_trunc('day', now(), 'UTC') - interval '29 days', date_trunc('day', now(), 'UTC'), interval '1 day') AS d ORDER BY d`),
  ).then((rows) => rows.map((row) => ({ day: row.day.toISOString(), count: row.count })));

const summaryQuery = /* GraphQL */ `query S($id: ID!) { tenant(id: $id) { crm { ${figures} } } }`;
const platformSelection = `crm { ${figures} } customerGrowth { day count }`;
const platformAs = (role: 'SUPERADMIN' | 'ADMIN', tenantId: string | null) =>
  platformPartOf('crm', platformSelection, identityOf(role, tenantId));
const platform = async () => {
  const { body } = await platformAs('SUPERADMIN', null);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data._entities[0] as { id: string; crm: Summary; customerGrowth: { day: string; count: number }[] };
};

/** Platform stages compared as a set: their order across tenants depends on collation of names. */
const canonical = (summary: Summary) => ({
  ...summary,
  leadsByStage: [...summary.leadsByStage].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

let actors: TenantActors;
let admin: Caller;
const summaryOf = async (caller: Caller, tenantId: string): Promise<Summary> =>
  ok(await caller(summaryQuery, { id: tenantId })).tenant.crm;
const summary = () => summaryOf(admin, actors.tenant.id);
const expectExact = async () => expect(await summary()).toEqual(await direct(actors.tenant.id));

beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'crm-summary');
  admin = as(actors.admin.token);
});

describe('Tenant.crm', () => {
  it('a new tenant has every figure at 0, no money and no mean probability', async () => {
    const fresh = await createTenantWithUsers(await superadminToken(), 'crm-summary-empty');
    expect(await summaryOf(as(fresh.admin.token), fresh.tenant.id)).toEqual({
      totalCustomers: 0,
      totalLeads: 0,
      openLeads: 0,
      wonLeads: 0,
      lostLeads: 0,
      pipelineValue: [],
      weightedPipelineValue: [],
      averageProbability: null,
      wonValue: [],
      leadsByStage: [],
    });
  });

  it('every figure equals a direct computation over the base tables after each kind of write, at once', async () => {
    const beta = await createPipeline(admin, { name: 'Beta' });
    const alpha = await createPipeline(admin, {
      name: 'Alpha',
      stages: [
        { name: 'Lead in', probability: 5 },
        { name: 'Demo', probability: 50 },
      ],
    });
    const customer = await createCustomer(admin);
    await expectExact();

    // Half-cent values: rounding half-up happens once, on the exact sum.
    const usd = await createLead(admin, { pipelineId: beta.id, value: '1000.0050', currency: 'USD', probability: 33 });
    await expectExact();
    const eur = await createLead(admin, {
      pipelineId: alpha.id,
      stageId: alpha.stages[1].id,
      value: '333.3333',
      currency: 'EUR',
      customerId: customer.id,
    });
    const other = await createLead(admin, {
      pipelineId: beta.id,
      stageId: beta.stages[2].id,
      value: '0.0050',
      currency: 'USD',
      probability: 67,
    });
    await expectExact();

    ok(await admin(`mutation { updateLead(id: "${usd.id}", input: { value: "2500.1250", probability: 12 }) { id } }`));
    await expectExact();
    ok(await admin(`mutation { updateLead(id: "${eur.id}", input: { currency: "GBP" }) { id } }`));
    await expectExact();
    ok(await admin(`mutation { moveLeadToStage(id: "${usd.id}", stageId: "${beta.stages[1].id}") { id } }`));
    await expectExact();
    ok(
      await admin(
        `mutation { updatePipelineStage(id: "${beta.stages[1].id}", input: { name: "Qualified twice" }) { id } }`,
      ),
    );
    await expectExact();
    ok(await admin(`mutation { winLead(id: "${other.id}") { id } }`));
    await expectExact();
    ok(await admin(`mutation { loseLead(id: "${eur.id}", reason: "budget") { id } }`));
    await expectExact();
    ok(await admin(`mutation { reopenLead(id: "${eur.id}") { id } }`));
    await expectExact();
    ok(await admin(`mutation { deleteCustomer(id: "${customer.id}") }`));
    await expectExact();
    ok(await admin(`mutation { deleteLead(id: "${usd.id}") }`));

    const read = await summary();
    expect(read).toEqual(await direct(actors.tenant.id));
    expect(read).toMatchObject({
      totalCustomers: 0,
      totalLeads: 2,
      openLeads: 1,
      wonLeads: 1,
      lostLeads: 0,
      wonValue: [{ amount: '0.01', currency: 'USD' }],
    });
    expect(read.pipelineValue).toEqual([{ amount: '333.33', currency: 'GBP' }]);
    expect(read.weightedPipelineValue).toEqual([{ amount: '166.67', currency: 'GBP' }]);
    expect(read.averageProbability).toBe('50.00');
    expect(read.leadsByStage).toEqual([
      {
        stageId: alpha.stages[1].id,
        stageName: 'Demo',
        pipelineName: 'Alpha',
        openLeads: 1,
        value: [{ amount: '333.33', currency: 'GBP' }],
      },
    ]);
  });

  it('orders stages by pipeline name then position, with one amount per currency sorted by code', async () => {
    const tenant = await createTenantWithUsers(await superadminToken(), 'crm-summary-stages');
    const caller = as(tenant.admin.token);
    const zulu = await createPipeline(caller, { name: 'Zulu' });
    const alpha = await createPipeline(caller, { name: 'Alpha' });
    for (const [pipeline, stage, value, currency] of [
      [zulu, 0, '10.00', 'USD'],
      [alpha, 2, '1.10', 'USD'],
      [alpha, 2, '2.20', 'EUR'],
      [alpha, 0, '3.3350', 'CHF'],
      [alpha, 0, '0.0049', 'CHF'],
    ] as const) {
      await createLead(caller, { pipelineId: pipeline.id, stageId: pipeline.stages[stage].id, value, currency });
    }
    const read = await summaryOf(caller, tenant.tenant.id);
    expect(read).toEqual(await direct(tenant.tenant.id));
    expect(read.leadsByStage.map((stage) => [stage.pipelineName, stage.stageName, stage.openLeads])).toEqual([
      ['Alpha', 'New', 2],
      ['Alpha', 'Proposal', 2],
      ['Zulu', 'New', 1],
    ]);
    expect(read.leadsByStage[0]!.value).toEqual([{ amount: '3.34', currency: 'CHF' }]);
    expect(read.leadsByStage[1]!.value).toEqual([
      { amount: '2.20', currency: 'EUR' },
      { amount: '1.10', currency: 'USD' },
    ]);
    expect(read.pipelineValue).toEqual([
      { amount: '3.34', currency: 'CHF' },
      { amount: '2.20', currency: 'EUR' },
      { amount: '11.10', currency: 'USD' },
    ]);
  });

  it('counts writes made by raw SQL, in the writing transaction', async () => {
    const tenantId = actors.tenant.id;
    const [stage] = await db.crm.pipelineStage.findMany({ where: { tenantId }, take: 1 });
    await withScope(db.crm, { kind: 'tenant', tenantId }, async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO customers (tenant_id, email, first_name, last_name) VALUES ($1::uuid, 'raw@example.test', 'Raw', 'Sql')`,
        tenantId,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO leads (tenant_id, title, value, currency, pipeline_id, stage_id, probability) VALUES ($1::uuid, 'raw', 12.3456, 'JPY', $2::uuid, $3::uuid, 99)`,
        tenantId,
        stage!.pipelineId,
        stage!.id,
      );
      await tx.$executeRawUnsafe(
        `UPDATE leads SET value = 99.9999 WHERE tenant_id = $1::uuid AND title = 'raw'`,
        tenantId,
      );
      const [inside] = await tx.$queryRawUnsafe<{ leads: number }[]>(
        `SELECT leads FROM crm_lead_stats WHERE tenant_id = $1::uuid AND currency = 'JPY'`,
        tenantId,
      );
      expect(inside).toEqual({ leads: 1 });
    });
    await expectExact();
    expect((await summary()).pipelineValue).toContainEqual({ amount: '100.00', currency: 'JPY' });
  });

  it('shows another tenant nothing of this one: stats rows are tenant-scoped', async () => {
    const other = await createTenantWithUsers(await superadminToken(), 'crm-summary-other');
    const { body } = await as(other.admin.token)(summaryQuery, { id: actors.tenant.id });
    expect(body.data?.tenant?.crm ?? null).toBeNull();
    const seen = await withScope(db.crm, { kind: 'tenant', tenantId: other.tenant.id }, (tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM crm_tenant_stats) + (SELECT count(*) FROM crm_lead_stats) AS n`,
      ),
    );
    expect(Number(seen[0]!.n)).toBe(0);
  });
});

describe('crm_rebuild_tenant_stats()', () => {
  const snapshot = (tx: { $queryRawUnsafe: <T>(sql: string) => Promise<T> }) =>
    Promise.all([
      tx.$queryRawUnsafe<unknown[]>(`SELECT tenant_id::text, customers FROM crm_tenant_stats ORDER BY 1`),
      tx.$queryRawUnsafe<
        unknown[]
      >(`SELECT tenant_id::text, status::text, stage_id::text, currency, leads, value::text, weighted_value::text, probability_sum::text
        FROM crm_lead_stats ORDER BY 1, 2, 3, 4`),
    ]);

  it('reproduces the trigger-maintained stats exactly', async () => {
    const { before, after } = await withScope(db.crm, allTenants, async (tx) => {
      // Writers of other test files wait for the few milliseconds this takes.
      await tx.$executeRawUnsafe('LOCK TABLE customers, leads IN SHARE MODE');
      const before = await snapshot(tx);
      await tx.$executeRawUnsafe('SELECT crm_rebuild_tenant_stats()');
      return { before, after: await snapshot(tx) };
    });
    expect(before[0].length + before[1].length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it('after a bulk load with the triggers disabled, restores exact stats and keeps the caller tenant-scoped', async () => {
    const tenant = await createTenantWithUsers(await superadminToken(), 'crm-summary-bulk');
    const caller = as(tenant.admin.token);
    const pipeline = await createPipeline(caller, { name: 'Bulk' });
    await createLead(caller, { pipelineId: pipeline.id, value: '5.00' });
    const tenantId = tenant.tenant.id;
    const settingAfter = await withScope(db.crm, { kind: 'tenant', tenantId }, async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE customers DISABLE TRIGGER USER');
      await tx.$executeRawUnsafe('ALTER TABLE leads DISABLE TRIGGER USER');
      await tx.$executeRawUnsafe(
        `INSERT INTO customers (tenant_id, email, first_name, last_name, search_vector)
         SELECT $1::uuid, 'bulk' || i || '@example.test', 'Bulk', 'Customer', NULL FROM generate_series(1, 50) i`,
        tenantId,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO leads (tenant_id, title, value, currency, pipeline_id, stage_id, probability, status)
         SELECT $1::uuid, 'bulk ' || i, i * 1.0005, CASE WHEN i % 3 = 0 THEN 'EUR' ELSE 'USD' END, $2::uuid, $3::uuid, i % 101,
                (ARRAY['OPEN', 'WON', 'LOST']::lead_status[])[1 + i % 3]
         FROM generate_series(1, 200) i`,
        tenantId,
        pipeline.id,
        pipeline.stages[1].id,
      );
      await tx.$executeRawUnsafe('ALTER TABLE customers ENABLE TRIGGER USER');
      await tx.$executeRawUnsafe('ALTER TABLE leads ENABLE TRIGGER USER');
      await tx.$executeRawUnsafe('SELECT crm_rebuild_tenant_stats()');
      const [row] = await tx.$queryRawUnsafe<{ all: string | null }[]>(
        `SELECT current_setting('app.all_tenants', true) AS all`,
      );
      return row!.all;
    });
    expect(settingAfter).toBe('off');
    const read = await summaryOf(caller, tenantId);
    expect(read).toEqual(await direct(tenantId));
    expect(read).toMatchObject({ totalCustomers: 50, totalLeads: 201 });
  });
});

describe('PlatformOverview (CRM part)', () => {
  it('sums every tenant exactly, grouping stages by pipeline and stage name', async () => {
    const { expected, answer } = await settled(
      async () => ({ crm: canonical(await direct(null)), customerGrowth: await directGrowth() }),
      async () => {
        const read = await platform();
        return { crm: canonical(read.crm), customerGrowth: read.customerGrowth };
      },
    );
    expect(answer).toEqual(expected);
    expect(answer.crm.totalCustomers).toBeGreaterThan(0);
    expect(answer.crm.leadsByStage.every((stage) => stage.stageId === null)).toBe(true);
  });

  it('shows a new customer and lead of one tenant in the platform totals at once', async () => {
    const before = (await platform()).crm;
    const mark = `Platform ${Date.now()}`;
    const pipeline = await createPipeline(admin, { name: mark });
    await createCustomer(admin);
    await createLead(admin, { pipelineId: pipeline.id, value: '7.00', currency: 'XTS' });
    const after = await platform();
    expect(after.crm.totalCustomers).toBeGreaterThanOrEqual(before.totalCustomers + 1);
    expect(after.crm.pipelineValue).toContainEqual({ amount: '7.00', currency: 'XTS' });
    expect(after.crm.leadsByStage).toContainEqual({
      stageId: null,
      stageName: 'New',
      pipelineName: mark,
      openLeads: 1,
      value: [{ amount: '7.00', currency: 'XTS' }],
    });
    const today = after.customerGrowth.at(-1)!;
    expect(after.customerGrowth).toHaveLength(30);
    expect(new Date(today.day).toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(today.count).toBeGreaterThanOrEqual(1);
  });

  it('is for SUPERADMINs only', async () => {
    const { body } = await platformAs('ADMIN', actors.tenant.id);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
