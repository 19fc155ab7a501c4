import { Decimal } from '@prisma/client/runtime/client';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPlainModels, createPlainReads, LiteralDate, plainTypes, type RuntimeModels } from './plain-reads.ts';

const models: RuntimeModels = {
  Lead: {
    dbName: 'leads',
    fields: [
      { name: 'id', kind: 'scalar', type: 'String' },
      { name: 'tenantId', kind: 'scalar', type: 'String', dbName: 'tenant_id' },
      { name: 'value', kind: 'scalar', type: 'Decimal' },
      { name: 'status', kind: 'enum', type: 'LeadStatus' },
      { name: 'custom', kind: 'scalar', type: 'Json' },
      { name: 'createdAt', kind: 'scalar', type: 'DateTime', dbName: 'created_at' },
      { name: 'stage', kind: 'object', type: 'PipelineStage' },
    ],
  },
};
const compile = createPlainReads(models);
const tenant = '00000000-0000-4000-8000-000000000001';

describe('plain reads', () => {
  it('a page read is one statement with the tenant filter, the keyset condition, the order and the limit', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const read = compile('Lead', 'findMany', {
      where: {
        AND: [
          { AND: [{ tenantId: tenant }, {}] },
          { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: tenant } }] },
        ],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 21,
    });
    expect(read?.text).toBe(
      'SELECT "id" AS "id", "tenant_id" AS "tenantId", "value" AS "value", "status" AS "status", "custom" AS "custom", ' +
        '"created_at" AS "createdAt" FROM "leads" WHERE ((((("tenant_id" = $1)) AND (TRUE))) AND (((("created_at" > $2)) ' +
        'OR (("created_at" = $3) AND ("id" > $4))))) ORDER BY "created_at" ASC, "id" ASC LIMIT 21',
    );
    expect(read?.values).toEqual([tenant, at.toISOString(), at.toISOString(), tenant]);
  });

  it('a LiteralDate bound is written into the statement (so PostgreSQL prunes partitions when it plans it), other dates are parameters', () => {
    const since = new LiteralDate(Date.UTC(2026, 10, 1));
    const read = compile('Lead', 'findMany', {
      where: { tenantId: tenant, createdAt: { gte: since, lt: new Date(since) } },
    });
    expect(read?.text).toContain(
      `WHERE ("tenant_id" = $1) AND ("created_at" >= '2026-11-01T00:00:00.000Z' AND "created_at" < $2)`,
    );
    expect(read?.values).toEqual([tenant, since.toISOString()]);
    expect(compile('Lead', 'findMany', { where: { createdAt: { gte: new LiteralDate(Number.NaN) } } })).toBeNull();
  });

  it('ids, null checks and empty lists read as SQL; a count reads a number', () => {
    const byIds = compile('Lead', 'findMany', { where: { id: { in: [tenant] }, status: { not: null } } });
    expect(byIds?.text).toContain('WHERE ("id" = ANY($1)) AND ("status" IS NOT NULL)');
    expect(compile('Lead', 'findMany', { where: { id: { in: [] } } })?.text).toContain('WHERE (FALSE)');
    const count = compile('Lead', 'count', { where: { tenantId: tenant } });
    expect(count?.text).toBe('SELECT count(*)::int AS count FROM "leads" WHERE ("tenant_id" = $1)');
    expect(count?.answer([{ count: 3 }])).toBe(3);
  });

  it('rows get Prisma’s shapes: Decimals as Prisma Decimals, findFirst one row or null', () => {
    const first = compile('Lead', 'findFirst', { where: { id: tenant } });
    expect(first?.text).toMatch(/LIMIT 1$/);
    const row = first?.answer([{ id: tenant, value: '12.5000', status: 'OPEN' }]) as { value: Decimal };
    expect(row.value).toBeInstanceOf(Decimal);
    expect(row.value.toFixed(2)).toBe('12.50');
    expect(first?.answer([])).toBeNull();
  });

  it('anything else is left to Prisma', () => {
    const unsupported: [string, string, Record<string, unknown>][] = [
      ['Lead', 'findMany', { include: { stage: true } }],
      ['Lead', 'findMany', { select: { stage: true } }],
      ['Lead', 'findMany', { where: { stage: { is: { name: 'x' } } } }],
      ['Lead', 'findMany', { where: { custom: { path: ['a'], equals: 1 } } }],
      ['Lead', 'findMany', { where: { NOT: { id: tenant } } }],
      ['Lead', 'findMany', { where: { id: { contains: 'a' } } }],
      ['Lead', 'findMany', { orderBy: { stage: { name: 'asc' } } }],
      ['Lead', 'findMany', { skip: 1 }],
      ['Lead', 'findUnique', { where: { id: tenant } }],
      ['Lead', 'count', { where: { id: tenant }, take: 1 }],
      ['Missing', 'findMany', {}],
    ];
    for (const [model, operation, args] of unsupported) expect(compile(model, operation, args)).toBeNull();
  });
});

describe('plain types', () => {
  it('read a timestamptz as the same instant pg reads, in every form PostgreSQL prints', () => {
    const ours = plainTypes(pg.types).getTypeParser(1184, 'text') as (text: string) => unknown;
    const pgs = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;
    const printed = [
      '2026-12-06 15:35:24.123+00',
      '2026-12-06 15:35:24+05:30',
      '2026-12-06 15:35:24.123456-08',
      '1999-01-01 00:00:00.5+00',
      '2026-02-28 23:59:59.999-03:30',
      '2024-02-29 00:00:00.12+14',
      '0099-12-31 23:59:59+00',
      '1900-01-01 00:00:00+00:19:32',
      '0044-03-15 12:00:00+00 BC',
      '12026-01-01 00:00:00+00',
      'infinity',
    ];
    for (const text of printed) expect(ours(text), text).toEqual(pgs(text));
  });

  it('read 20,000 timestamptz texts over years 100–9999 as the same instants pg reads', () => {
    const ours = plainTypes(pg.types).getTypeParser(1184, 'text') as (text: string) => Date;
    const pgs = pg.types.getTypeParser(1184, 'text') as (text: string) => Date;
    const first = Date.UTC(100, 0, 1);
    const span = Date.UTC(9999, 11, 31, 23, 59, 59, 999) - first;
    let seed = 7;
    for (let i = 0; i < 20_000; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      const instant = first + Math.floor((seed / 2_147_483_648) * span);
      const text = new Date(instant)
        .toISOString()
        .replace('T', ' ')
        .replace('Z', i % 2 === 0 ? '+00' : '-02:30');
      expect(ours(text).getTime(), text).toBe(pgs(text).getTime());
    }
  });

  it('a select of scalar fields reads only those columns and converts only those; other selects go to Prisma', () => {
    const read = compile('Lead', 'findMany', {
      where: { tenantId: tenant },
      select: { id: true, value: true },
      take: 2,
    });
    expect(read?.text).toBe('SELECT "id" AS "id", "value" AS "value" FROM "leads" WHERE ("tenant_id" = $1) LIMIT 2');
    const rows = read?.answer([{ id: tenant, value: '1.5000' }]) as { id: string; value: Decimal }[];
    expect(rows).toEqual([{ id: tenant, value: new Decimal('1.5') }]);
    expect(compile('Lead', 'findMany', { select: { id: false } })).toBeNull();
    expect(compile('Lead', 'findMany', { select: { nothing: true } })).toBeNull();
    expect(compile('Lead', 'findMany', { select: {} })).toBeNull();
  });
});

describe('plain models', () => {
  const lead = createPlainModels(models)('Lead');

  it('select every scalar field from a table alias, named alias.field', () => {
    expect(lead.columns('l')).toBe(
      '"l"."id" AS "l.id", "l"."tenant_id" AS "l.tenantId", "l"."value" AS "l.value", "l"."status" AS "l.status", ' +
        '"l"."custom" AS "l.custom", "l"."created_at" AS "l.createdAt"',
    );
  });

  it('give a joined row back as Prisma’s row, and null when an outer join found none', () => {
    const row = lead.row({ n: 1, 'l.id': tenant, 'l.value': '2.50', 'l.status': 'WON', 'l.custom': null }, 'l');
    expect(row).toMatchObject({ id: tenant, status: 'WON', custom: null });
    const value = row?.value as Decimal;
    expect(value.toFixed(2)).toBe('2.50');
    expect(row).not.toHaveProperty('n');
    expect(lead.row({ 'l.id': null }, 'l')).toBeNull();
    expect(() => createPlainModels(models)('Missing')).toThrow(/Missing/);
  });
});
