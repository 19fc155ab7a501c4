import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createSubgraphContext } from './subgraph-context.ts';
import type { DataScope } from './tenant-scope.ts';

const base = {
  requestId: 'request',
  logger: createLogger({ service: 'test', level: 'silent' }),
  identity: null,
  clientIp: null,
  userAgent: null,
};

describe('createSubgraphContext', () => {
  const contextWith = (made: unknown[]) =>
    createSubgraphContext(
      base,
      {
        database: { name: 'unscoped' },
        scope: (database, scope: DataScope) => ({ ...database, scope: scope.kind }),
        loaders: (db, scope) => {
          const loaders = { db, scope };
          made.push(loaders);
          return loaders;
        },
      },
      { extra: 'service part' },
    );

  it('makes the loaders on first use only, once, over the scoped database', () => {
    const made: unknown[] = [];
    const context = contextWith(made);
    expect(made).toHaveLength(0);
    expect(context).toMatchObject({ requestId: 'request', extra: 'service part', dataScope: { kind: 'none' } });
    expect(context.db).toEqual({ name: 'unscoped', scope: 'none' });
    const first = context.loaders;
    expect(context.loaders).toBe(first);
    expect(made).toEqual([{ db: context.db, scope: { kind: 'none' } }]);
  });

  it('makes loaders for a copy of the context too (Apollo Server copies contexts with Object.create and assign)', () => {
    const made: unknown[] = [];
    const context = contextWith(made);
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context)), context) as typeof context;
    expect(copy.loaders).toEqual({ db: context.db, scope: { kind: 'none' } });
    expect(copy.db).toBe(context.db);
  });
});
