import { randomUUID } from 'node:crypto';
import { allTenants, withReadScope, withScope, type DataScope } from '@codex/kit';
import { plainReadsOf } from '@codex/kit/plain-reads';
import { withSessionConnection } from '@codex/kit/scoped-connections';
import { createCrmDatabase, scopeCrmDatabase } from '@codex/subgraph-crm';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * Read sessions set the tenant scope for the whole connection (no BEGIN/COMMIT), so the pool's
 * connections carry a scope between uses. On a pool of one connection, work of two tenants, of
 * every tenant and of no tenant is interleaved: each must see, through row-level security alone
 * (raw SQL, which the Prisma extension does not narrow), exactly its own rows.
 */
const crmUrl = inject('databaseUrls').crm;
const oneConnection = createCrmDatabase(crmUrl, { limits: { poolMax: 1 } });
const everyTenant = scopeCrmDatabase(oneConnection, allTenants);
afterAll(() => oneConnection.$disconnect());

const tenantScope = (tenantId: string): DataScope => ({ kind: 'tenant', tenantId });
const plainPool = () => plainReadsOf(oneConnection)!.pool;

async function twoTenants() {
  const [a, b] = [randomUUID(), randomUUID()];
  await everyTenant.customer.createMany({
    data: [a, b].flatMap((tenantId) =>
      [0, 1].map((i) => ({ tenantId, email: `c${i}@${tenantId}.test`, firstName: 'Ada', lastName: `Customer ${i}` })),
    ),
  });
  return { a, b };
}

type Raw = { $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => Promise<T> };
const seenSql = `SELECT DISTINCT tenant_id::text AS tenant FROM customers WHERE tenant_id = ANY($1::uuid[]) ORDER BY 1`;
const tenantsSeen = async (raw: Raw, tenants: string[]) =>
  (await raw.$queryRawUnsafe<{ tenant: string }[]>(seenSql, tenants)).map((row) => row.tenant);

describe('a pooled connection never carries one piece of work’s tenant into another’s', () => {
  it('interleaved reads, transactions and unscoped SQL of two tenants on a pool of one connection see only their own rows', async () => {
    const { a, b } = await twoTenants();
    const both = [a, b].sort();
    const scoped = {
      a: scopeCrmDatabase(oneConnection, tenantScope(a)),
      b: scopeCrmDatabase(oneConnection, tenantScope(b)),
    };
    const work = Array.from({ length: 12 }, (_, i) => {
      const [name, tenant] = i % 2 === 0 ? (['a', a] as const) : (['b', b] as const);
      const db = scoped[name];
      return [
        withReadScope(db, tenantScope(tenant), (tx) => tenantsSeen(tx as Raw, both)).then((seen) =>
          expect(seen).toEqual([tenant]),
        ),
        withScope(db, tenantScope(tenant), (tx) => tenantsSeen(tx as Raw, both)).then((seen) =>
          expect(seen).toEqual([tenant]),
        ),
        db.customer.count({ where: { tenantId: { in: both } } }).then((count) => expect(count).toBe(2)),
        // Raw SQL outside any transaction and an interactive transaction opened without withScope: no tenant.
        tenantsSeen(oneConnection as unknown as Raw, both).then((seen) => expect(seen).toEqual([])),
        oneConnection
          .$transaction((tx) => tenantsSeen(tx as unknown as Raw, both))
          .then((seen) => expect(seen).toEqual([])),
        withReadScope(everyTenant, allTenants, (tx) => tenantsSeen(tx as Raw, both)).then((seen) =>
          expect(seen).toEqual(both),
        ),
        // Plain SQL reads (outside Prisma) on a connection that carries the session's scope.
        withSessionConnection(plainPool(), [tenant, 'off'], (connection) => connection.query(seenSql, [both])).then(
          (result) => expect(result.rows.map((row) => row.tenant)).toEqual([tenant]),
        ),
      ];
    });
    await Promise.all(work.flat());
    // After the last read session the one connection still answers an unscoped query with nothing.
    expect(await tenantsSeen(oneConnection as unknown as Raw, both)).toEqual([]);
  });

  it('a scope that is not a uuid is refused before it reaches SQL', async () => {
    const forged = tenantScope("x', true), set_config('app.all_tenants', 'on");
    await expect(withReadScope(oneConnection, forged, (tx) => tenantsSeen(tx as Raw, []))).rejects.toThrow(/uuid/);
  });

  it('a simple read runs as plain SQL and answers exactly what Prisma answers', async () => {
    const { a } = await twoTenants();
    await everyTenant.customer.updateMany({
      where: { tenantId: a },
      data: { address: { city: 'Oslo' }, tags: ['vip', 'new'], status: 'INACTIVE', phone: null },
    });
    const query = {
      where: { tenantId: a, status: { in: ['INACTIVE' as const] } },
      orderBy: [{ email: 'asc' as const }],
    };
    const plain = await scopeCrmDatabase(oneConnection, tenantScope(a)).customer.findMany(query);
    const prisma = await withScope(everyTenant, allTenants, (tx) => tx.customer.findMany(query));
    expect(plain).toHaveLength(2);
    expect(plain).toEqual(prisma);
    expect(plain[0]!.createdAt).toBeInstanceOf(Date);
  });
});
