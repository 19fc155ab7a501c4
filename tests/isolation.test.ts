import { randomUUID } from 'node:crypto';
import { subgraphNames, type Identity, type SubgraphName } from '@codex/kit';
import {
  buildASTSchema,
  buildClientSchema,
  getIntrospectionQuery,
  isObjectType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { graphql } from './support/graphql.ts';
import { attackOperation, selectionFor } from './support/operations.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';
import { fillTenant } from './support/tenant-fixture.ts';
import { snapshotTenant, tenantRowIds } from './support/tenant-snapshot.ts';

/**
 * Tenant isolation from the attacker's side, generated from the composed graph: every root query
 * and mutation, as anonymous, as CLIENT of tenant A and as ADMIN of tenant A, with every argument
 * aimed at tenant B (B's ids, a string only B's data contains); then `_entities` sent straight to
 * every subgraph for every entity type with B's ids. A leak is any of B's ids or texts in `data`.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

/** Operations that act on credentials only, never on tenant data; they are attacked once, not per id. */
const credentialOperations = new Set([
  'login',
  'refreshToken',
  'clientCredentialsToken',
  'requestPasswordReset',
  'resetPassword',
  'acceptInvitation',
  'verifyEmail',
]);

type Role = 'anonymous' | 'CLIENT of A' | 'ADMIN of A';
interface Attempt {
  path: string;
  role: Role;
  field: string;
  leaked: string[];
  codes: string[];
}

let tenantA: TenantActors;
let tenantB: TenantActors;
let secrets: string[];
let idsOfB: string[];
let marker: string;
const attempts: Attempt[] = [];

const leaksIn = (data: unknown) => {
  const text = JSON.stringify(data ?? null);
  return secrets.filter((secret) => text.includes(secret));
};

beforeAll(async () => {
  const superToken = await superadminToken();
  [tenantA, tenantB] = await Promise.all([
    createTenantWithUsers(superToken, 'iso-a'),
    createTenantWithUsers(superToken, 'iso-b'),
  ]);
  marker = `zzleak${randomUUID().slice(0, 8)}`;
  await fillTenant(
    db,
    tenantB.tenant.id,
    {
      invitations: 1,
      customers: 2,
      leads: ['OPEN'],
      contentItems: ['PUBLISHED'],
      mediaFiles: 1,
      pages: 1,
      subscriptions: ['ACTIVE'],
      invoices: ['OPEN'],
      eventAgesHours: [1],
      webhookEndpoints: 1,
      sharedDashboards: 1,
      ingestion: true,
      billingDocuments: true,
    },
    marker,
  );
  idsOfB = await tenantRowIds(db, tenantB.tenant.id);
  secrets = [...idsOfB, marker, tenantB.admin.email, tenantB.client.email, tenantB.tenant.slug];
}, 120_000);

async function apiSchema(): Promise<GraphQLSchema> {
  const { body } = await graphql(getIntrospectionQuery(), {}, { headers: bearer(await superadminToken()) });
  return buildClientSchema(body.data as never);
}

describe('tenant isolation (generated from the supergraph)', () => {
  it('leaks nothing of tenant B through any root field, for any role', async () => {
    const before = await snapshotTenant(db, tenantB.tenant.id);
    const schema = await apiSchema();
    const tokens: Record<Role, string | null> = {
      anonymous: null,
      'CLIENT of A': tenantA.client.token,
      'ADMIN of A': tenantA.admin.token,
    };
    const relogin: Record<Role, () => Promise<string | null>> = {
      anonymous: async () => null,
      'CLIENT of A': () => login(tenantA.client.email, tenantA.client.password),
      'ADMIN of A': () => login(tenantA.admin.email, tenantA.admin.password),
    };
    const roots = [
      ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ['query', field] as const),
      ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ['mutation', field] as const),
    ];
    for (const [kind, field] of roots) {
      const ids = credentialOperations.has(field.name) ? [idsOfB[0]!] : idsOfB;
      for (const role of Object.keys(tokens) as Role[]) {
        for (const id of ids) {
          const { query, variables } = attackOperation(kind, field, { id, text: marker });
          const send = () => graphql(query, variables, { headers: tokens[role] ? bearer(tokens[role]!) : {} });
          let response = await send();
          const codes = (response.body.errors ?? []).map((error) => String(error.extensions?.code));
          if (role !== 'anonymous' && codes.includes('UNAUTHENTICATED')) {
            tokens[role] = await relogin[role]();
            response = await send();
          }
          attempts.push({
            path: 'gateway',
            role,
            field: `${kind}.${field.name}`,
            leaked: leaksIn(response.body.data),
            codes,
          });
        }
      }
    }
    const leaks = attempts.filter((attempt) => attempt.leaked.length > 0);
    expect(leaks).toEqual([]);
    expect(await snapshotTenant(db, tenantB.tenant.id)).toEqual(before);
  }, 240_000);

  it('leaks nothing of tenant B through _entities sent to any subgraph', async () => {
    const identities: [Role, Identity | null][] = [
      ['anonymous', null],
      ['CLIENT of A', identityOf('CLIENT', tenantA.tenant.id)],
      ['ADMIN of A', identityOf('ADMIN', tenantA.tenant.id)],
    ];
    for (const service of subgraphNames) {
      const sdl = (await subgraphRequest(service, '{ _service { sdl } }')).body.data._service.sdl as string;
      const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
      const entityTypes = entityTypeNames(schema, sdl);
      expect(entityTypes.length, `${service} has entities`).toBeGreaterThan(0);
      for (const typeName of entityTypes) {
        const type = schema.getType(typeName);
        if (!isObjectType(type)) continue;
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} ${selectionFor(type)} } }`;
        for (const [role, identity] of identities) {
          const representations = idsOfB.map((id) => ({ __typename: typeName, id }));
          const { body } = await subgraphRequest(service as SubgraphName, query, {
            identity,
            variables: { r: representations },
          });
          attempts.push({
            path: `_entities@${service}`,
            role,
            field: typeName,
            leaked: leaksIn(body.data),
            codes: (body.errors ?? []).map((error) => String(error.extensions?.code)),
          });
        }
      }
    }
    expect(attempts.filter((attempt) => attempt.path.startsWith('_entities') && attempt.leaked.length > 0)).toEqual([]);
  }, 120_000);

  afterAll(() => {
    const fields = new Set(attempts.filter((a) => a.path === 'gateway').map((a) => a.field)).size;
    const viaGateway = attempts.filter((a) => a.path === 'gateway').length;
    const viaEntities = attempts.length - viaGateway;
    const leaks = attempts.filter((a) => a.leaked.length > 0).length;
    console.log(
      `isolation: ${fields} root fields x 3 roles x ${idsOfB?.length ?? 0} ids of tenant B = ${viaGateway} attempts through the gateway, ` +
        `${viaEntities} _entities attempts on ${subgraphNames.length} subgraphs; leaks: ${leaks}`,
    );
  });
});

function entityTypeNames(schema: GraphQLSchema, sdl: string): string[] {
  const keyed = [...sdl.matchAll(/type (\w+)[^{]*@key\(/g)].map((match) => match[1]!);
  return keyed.filter((name) => schema.getType(name));
}
