import { buildSubgraphSchema } from '@apollo/subgraph';
import { createRequire } from 'node:module';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity, MachineScope } from './identity.ts';
import { allow, applyPermissions, definePermissions, grant, isAuthenticated } from './permissions.ts';

// @apollo/subgraph builds its schema with graphql's CommonJS build: execute with the same one.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const typeDefs = parse(/* GraphQL */ `
  type Query { items: [Item!]! login: String }
  type Mutation { addItem: Item! ingest: Int! }
  type Item { id: ID! }
`);
const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: {
    Query: { items: () => [{ id: '1' }], login: () => 'ok' },
    Mutation: { addItem: () => ({ id: '2' }), ingest: () => 1 },
  },
});

const permissions = definePermissions(
  { read: 'crm:read', write: 'crm:write', overrides: { 'Mutation.ingest': 'analytics:ingest' } },
  {
    Query: { items: isAuthenticated, login: allow },
    Mutation: { addItem: isAuthenticated, ingest: isAuthenticated },
    Item: isAuthenticated,
  },
);
const guarded = applyPermissions(schema, permissions);

const identity = (kind: Identity['kind'], scopes: MachineScope[] = []): Identity => ({
  kind,
  subjectId: 'x',
  tenantId: 't',
  role: 'CLIENT',
  scopes,
  sessionId: null,
});

async function codes(source: string, who: Identity | null) {
  const result = await graphql({ schema: guarded, source, contextValue: { identity: who } });
  return (result.errors ?? []).map((error) => String(error.extensions?.code));
}

describe('definePermissions', () => {
  it('asks machine clients for the read scope on queries and types, the write scope on mutations', async () => {
    expect(await codes('{ items { id } }', identity('machine', ['crm:read']))).toEqual([]);
    expect(await codes('{ items { id } }', identity('machine', ['crm:write']))).toEqual(['FORBIDDEN']);
    expect(await codes('mutation { addItem { id } }', identity('machine', ['crm:write']))).toEqual([]);
    expect(await codes('mutation { addItem { id } }', identity('machine', ['crm:read']))).toEqual(['FORBIDDEN']);
  });

  it('applies overrides, keeps public fields public, and leaves users to their role', async () => {
    expect(await codes('mutation { ingest }', identity('machine', ['analytics:ingest']))).toEqual([]);
    expect(await codes('mutation { ingest }', identity('machine', ['crm:write']))).toEqual(['FORBIDDEN']);
    expect(await codes('{ login }', identity('machine'))).toEqual([]);
    expect(await codes('{ login }', null)).toEqual([]);
    expect(await codes('{ items { id } }', identity('user'))).toEqual([]);
    expect(await codes('{ items { id } }', null)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('grant', () => {
  it('gives each listed name the shared rule it is listed under', () => {
    expect(grant({ allow: ['login'], isAuthenticated: ['items', 'addItem'] })).toEqual({
      login: allow,
      items: isAuthenticated,
      addItem: isAuthenticated,
    });
  });

  it('refuses a name listed under two rules', () => {
    expect(() => grant({ allow: ['items'], isAuthenticated: ['items'] })).toThrow('grants items twice');
  });
});
