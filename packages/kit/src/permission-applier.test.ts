import { buildSubgraphSchema } from '@apollo/subgraph';
import { createRequire } from 'node:module';
import { parse } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { rule, shield } from 'graphql-shield';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from './context.ts';
import { badInput } from './errors.ts';
import type { Identity, MachineScope } from './identity.ts';
import {
  allow,
  applyPermissions,
  definePermissions,
  deny,
  forbidden,
  isAuthenticated,
  isSuperadmin,
  isTenantAdmin,
  isTenantMember,
  ofCallersTenant,
  type PermissionMap,
  unauthenticated,
} from './permissions.ts';

// @apollo/subgraph builds its schema with graphql's CommonJS build: execute with the same one.
const { graphql, executeSync } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const typeDefs = parse(/* GraphQL */ `
  type Query { rows: [Row!]! open: String secret: String unlisted: String boom: String mine: Row notes: [Note!]! fails: String! }
  type Mutation { write: Int! }
  type Row { id: ID! tenantId: ID! note: String hidden: String }
  type Note { text: String }
`);
const rows = [
  { id: 'r1', tenantId: 't', note: 'one', hidden: 'h1' },
  { id: 'r2', tenantId: 'u', note: 'two', hidden: 'h2' },
];
const build = () =>
  buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: {
        rows: () => rows,
        open: () => 'open',
        secret: () => 'secret',
        unlisted: () => 'x',
        boom: () => 'b',
        fails: () => {
          throw badInput('refused', 'fails');
        },
      },
      Mutation: { write: () => 1 },
    } as never,
  });

const throws = rule('throws', { cache: 'no_cache' })(() => {
  throw new Error('rule failed');
});
const map = definePermissions(
  { read: 'crm:read', write: 'crm:write' },
  {
    Query: {
      rows: isTenantMember,
      open: allow,
      secret: isSuperadmin,
      boom: throws,
      mine: isAuthenticated,
      notes: isAuthenticated,
      fails: isAuthenticated,
    },
    Mutation: { write: isTenantAdmin },
    Row: { id: ofCallersTenant, tenantId: ofCallersTenant, note: ofCallersTenant },
    // Note: no entry, every field denied.
  },
);

/** How the map was applied before: graphql-shield through graphql-middleware, with the same options. */
function appliedByShield(permissions: PermissionMap) {
  const schema = build();
  const federation = { Query: { _service: allow }, _Service: allow };
  const tree = { ...permissions, ...federation, Query: { ...(permissions.Query as object), ...federation.Query } };
  return applyMiddleware(
    schema,
    shield(tree as never, {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: (_thrown, _parent, _args, context) =>
        (context as unknown as RequestContext).identity ? forbidden() : unauthenticated(),
    }),
  );
}

const who = (role: Identity['role'], kind: Identity['kind'] = 'user', scopes: MachineScope[] = []): Identity => ({
  kind,
  subjectId: 's',
  tenantId: role === 'SUPERADMIN' ? null : 't',
  role,
  scopes,
  sessionId: null,
});
const callers: [string, Identity | null][] = [
  ['anonymous', null],
  ['client', who('CLIENT')],
  ['admin', who('ADMIN')],
  ['superadmin', who('SUPERADMIN')],
  ['machine crm:read', who('CLIENT', 'machine', ['crm:read'])],
  ['machine crm:write', who('CLIENT', 'machine', ['crm:write'])],
  ['machine without scopes', who('CLIENT', 'machine')],
];
const operations = [
  '{ rows { id note } }',
  '{ rows { id hidden } }',
  '{ rows { tenantId } open secret }',
  '{ open }',
  '{ unlisted }',
  '{ boom }',
  '{ mine { id } }',
  '{ notes { text } }',
  'mutation { write }',
  '{ fails open secret unlisted }',
];

async function answer(schema: import('graphql').GraphQLSchema, source: string, identity: Identity | null) {
  const result = await graphql({ schema, source, contextValue: { identity } });
  // Sorted: shield's order followed how many awaits each rule took, which no caller can rely on.
  const errors = (result.errors ?? [])
    .map((error) => [error.path?.join('.'), error.extensions?.code, error.message])
    .sort((a, b) => String(a).localeCompare(String(b)));
  return { data: result.data, errors };
}

describe('applyPermissions', () => {
  const ours = applyPermissions(build(), map);
  const shields = appliedByShield(map);

  it.each(callers)(
    'answers %s exactly as graphql-shield did (type, field, unlisted, throwing rules, scopes)',
    async (_name, identity) => {
      for (const source of operations) {
        expect(await answer(ours, source, identity), source).toEqual(await answer(shields, source, identity));
      }
    },
  );

  it('denies an unlisted field and a type without rules, FORBIDDEN for callers and UNAUTHENTICATED for anonymous', async () => {
    expect((await answer(ours, '{ unlisted }', who('ADMIN'))).errors).toEqual([
      ['unlisted', 'FORBIDDEN', 'Not allowed'],
    ]);
    expect((await answer(ours, '{ unlisted }', null)).errors[0]?.[1]).toBe('UNAUTHENTICATED');
    expect((await answer(ours, '{ rows { hidden } }', who('SUPERADMIN'))).errors).toHaveLength(2);
  });

  it('runs synchronously, leaves allowed fields their own resolvers and evaluates a type rule once per object', () => {
    let evaluations = 0;
    const counted = rule('counted', { cache: 'no_cache' })(() => {
      evaluations += 1;
      return true;
    });
    const schema = build();
    const open = schema.getQueryType()?.getFields().open?.resolve;
    const guarded = applyPermissions(
      schema,
      definePermissions({ read: [], write: null }, { Query: { rows: allow, open: allow }, Row: counted }),
    );
    expect(guarded.getQueryType()?.getFields().open?.resolve).toBe(open);
    const result = executeSync({
      schema: guarded,
      document: parse('{ rows { id tenantId note } }'),
      contextValue: { identity: who('ADMIN') },
    });
    expect(result.errors).toBeUndefined();
    expect(evaluations).toBe(2);
  });
});
