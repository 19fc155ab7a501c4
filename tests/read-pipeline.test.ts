import { randomUUID } from 'node:crypto';
import { allTenants, type DataScope } from '@codex/kit';
import { plainTypes } from '@codex/kit/plain-reads';
import { runReadPipeline } from '@codex/kit/read-pipeline';
import { transactionScopeSql } from '@codex/kit/scoped-connections';
import { createCrmDatabase, scopeCrmDatabase } from '@codex/subgraph-crm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * Plain reads travel as one pipeline: the scope statement (`set_config(…, true)`) and the reads in
 * one implicit transaction, one round trip. On a pool of one connection: the scope ends with the
 * pipeline, a failing read fails only itself, and prepared statements survive errors.
 */
const crmUrl = inject('databaseUrls').crm;
const oneConnection = createCrmDatabase(crmUrl, { limits: { poolMax: 1 } });
const everyTenant = scopeCrmDatabase(oneConnection, allTenants);
afterAll(() => oneConnection.$disconnect());

const tenantScope = (tenantId: string): DataScope => ({ kind: 'tenant', tenantId });
type Raw = { $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => Promise<T> };
const raw = oneConnection as unknown as Raw;

async function tenantWithCustomers(count: number) {
  const tenantId = randomUUID();
  await everyTenant.customer.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      tenantId,
      email: `p${i}@${tenantId}.test`,
      firstName: 'Pia',
      lastName: `Pipeline ${i}`,
    })),
  });
  return tenantId;
}

describe('plain reads in one pipeline', () => {
  it('see only their tenant, and leave no scope on the connection', async () => {
    const [a, b] = await Promise.all([tenantWithCustomers(2), tenantWithCustomers(3)]);
    const both = { tenantId: { in: [a, b] } };
    const counts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => scopeCrmDatabase(oneConnection, tenantScope(i % 2 ? b : a))).map((db) =>
        db.customer.count({ where: both }),
      ),
    );
    expect(counts).toEqual([2, 3, 2, 3, 2, 3]);
    const [setting] = await raw.$queryRawUnsafe<{ tenant: string | null }[]>(
      `SELECT current_setting('app.tenant_id', true) AS tenant`,
    );
    expect(setting?.tenant ?? '').toBe('');
    const seen = await raw.$queryRawUnsafe<unknown[]>('SELECT id FROM customers WHERE tenant_id = ANY($1::uuid[])', [
      a,
      b,
    ]);
    expect(seen).toEqual([]);
  });

  it('a failing read fails alone: the reads beside it answer, and the connection reads on', async () => {
    const tenantId = await tenantWithCustomers(2);
    const db = scopeCrmDatabase(oneConnection, tenantScope(tenantId));
    for (let round = 0; round < 2; round += 1) {
      const [before, failing, after] = await Promise.allSettled([
        db.customer.count({}),
        db.customer.findMany({ where: { id: 'not-a-uuid' } }),
        db.customer.findMany({ orderBy: [{ email: 'asc' }] }),
      ]);
      expect(before).toEqual({ status: 'fulfilled', value: 2 });
      expect(failing.status).toBe('rejected');
      expect(after.status === 'fulfilled' && after.value.map((row) => row.email)).toEqual([
        `p0@${tenantId}.test`,
        `p1@${tenantId}.test`,
      ]);
    }
    expect(await db.customer.count({})).toBe(2);
  });

  it('a tenant that is not a uuid is refused before any SQL', async () => {
    const forged = scopeCrmDatabase(oneConnection, tenantScope("x', true), set_config('app.all_tenants', 'on"));
    await expect(forged.customer.count({})).rejects.toThrow(/uuid/);
  });

  it('describes a statement once per connection: later runs send no Describe and read the rows with the known columns', async () => {
    const tenantId = await tenantWithCustomers(2);
    const pool = new pg.Pool({ connectionString: crmUrl, max: 1 });
    const describes: number[] = [];
    pool.on('connect', (client) => {
      const connection = (client as unknown as { connection: { describe: (...args: unknown[]) => unknown } })
        .connection;
      const describe = connection.describe.bind(connection);
      connection.describe = (...args) => {
        describes[describes.length - 1]! += 1;
        return describe(...args);
      };
    });
    try {
      const read = {
        text: 'SELECT "email", "created_at" AS "createdAt" FROM "customers" WHERE "tenant_id" = $1 ORDER BY "email"',
        values: [tenantId],
      };
      for (let run = 0; run < 3; run += 1) {
        describes.push(0);
        const [outcome] = await runReadPipeline(
          pool,
          transactionScopeSql,
          [tenantId, 'off'],
          [read],
          plainTypes(pg.types),
        );
        expect(outcome?.status).toBe('fulfilled');
        const rows = (outcome as PromiseFulfilledResult<{ email: string; createdAt: unknown }[]>).value;
        expect(rows.map((row) => row.email)).toEqual([`p0@${tenantId}.test`, `p1@${tenantId}.test`]);
        expect(rows.every((row) => row.createdAt instanceof Date)).toBe(true);
      }
      // The scope statement and the read, described on the first run only.
      expect(describes).toEqual([2, 0, 0]);
    } finally {
      await pool.end();
    }
  });

  it('builds rows as the column loop did: nulls, parsed types, repeated and unusual names', async () => {
    const tenantId = await tenantWithCustomers(1);
    const pool = new pg.Pool({ connectionString: crmUrl, max: 1 });
    const read = (text: string) =>
      runReadPipeline(pool, transactionScopeSql, [tenantId, 'off'], [{ text, values: [] }], plainTypes(pg.types));
    try {
      const texts = [
        `SELECT NULL::text AS "a", 'x'::text AS "b", 42::int4 AS "n", NULL::int4 AS "m", '2026-01-02 03:04:05.678+00'::timestamptz AS "at", true AS "yes", 'it''s "q"'::text AS "it's ""odd""\\"`,
        `SELECT 1::int4 AS "same", 2::int4 AS "same"`,
        `SELECT 'p'::text AS "__proto__", 'c'::text AS "constructor"`,
      ];
      for (let run = 0; run < 2; run += 1) {
        const [first, repeated, proto] = await Promise.all(texts.map(read));
        expect(first?.[0]).toEqual({
          status: 'fulfilled',
          value: [
            {
              a: null,
              b: 'x',
              n: 42,
              m: null,
              at: new Date('2026-01-02T03:04:05.678Z'),
              yes: true,
              'it\'s "odd"\\': 'it\'s "q"',
            },
          ],
        });
        expect(repeated?.[0]).toEqual({ status: 'fulfilled', value: [{ same: 2 }] });
        const [row] = (proto![0] as PromiseFulfilledResult<Record<string, unknown>[]>).value;
        expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
        expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('p');
        expect(row?.constructor).toBe('c');
      }
    } finally {
      await pool.end();
    }
  });
});
