import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { machineScopeName, machineScopeNames, machineScopes, type MachineScope } from '@codex/kit';
import {
  buildClientSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { apiKey, machineToken } from './support/analytics-api.ts';
import { graphql } from './support/graphql.ts';
import { attackOperation } from './support/operations.ts';

/**
 * Least privilege for machine clients, generated from the supergraph: for each scope of the
 * catalogue, a machine client of tenant A holding only that scope calls every root query and
 * mutation. A field outside the scope must answer FORBIDDEN with no data; a field inside it must
 * not be FORBIDDEN unless a client holding every scope is refused too (the role, CLIENT, decides).
 * A field's scope follows from the subgraph that owns it (`@join__field(graph:)`): `<service>:read`
 * for queries, `<service>:write` for mutations; CDX's fields are SUPERADMIN's. An ingestion key
 * (an API key with the scope `analytics:ingest` only) is held to the same answers as that scope.
 */
const overrides: Record<string, MachineScope> = {
  'mutation.ingestEvents': 'analytics:ingest',
  'mutation.backfillEvents': 'analytics:ingest',
};
/** Fields of the ingest scope an ingestion key is refused all the same: it is public, so it adds no history. */
const beyondIngestionKeys = new Set(['mutation.backfillEvents']);

type RootKind = 'query' | 'mutation';
interface Finding {
  field: string;
  scope: MachineScope;
  expected: 'in scope' | 'outside';
  codes: string[];
  data: unknown;
}

/** `<kind>.<field>` → the graph that resolves it, read from the committed supergraph. */
function owningGraphs(): Map<string, string> {
  const document = parse(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'));
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const kind = { Query: 'query', Mutation: 'mutation' }[(definition as ObjectTypeDefinitionNode).name.value];
    if (!kind) continue;
    for (const field of definition.fields ?? []) {
      const join = field.directives?.find((directive) => directive.name.value === 'join__field');
      const graph = join?.arguments?.find((argument) => argument.name.value === 'graph')?.value;
      if (graph?.kind === Kind.ENUM) owners.set(`${kind}.${field.name.value}`, graph.value.toLowerCase());
    }
  }
  return owners;
}

function neededScope(owners: Map<string, string>, kind: RootKind, name: string): string {
  const key = `${kind}.${name}`;
  return overrides[key] ?? `${owners.get(key) ?? 'unknown'}:${kind === 'query' ? 'read' : 'write'}`;
}

async function apiSchema(): Promise<GraphQLSchema> {
  const { body } = await graphql(getIntrospectionQuery(), {}, { headers: bearer(await superadminToken()) });
  return buildClientSchema(body.data as never);
}

/** Calls a root field with a bearer token, an API key (`{ apiKey }`), or nothing. */
async function call(kind: RootKind, field: GraphQLField<unknown, unknown>, token: string | { apiKey: string } | null) {
  const { query, variables } = attackOperation(kind, field, { id: randomUUID(), text: `scope-${randomUUID()}` });
  const headers: Record<string, string> =
    token === null ? {} : typeof token === 'string' ? bearer(token) : { 'x-api-key': token.apiKey };
  const { body } = await graphql(query, variables, { headers });
  const rootErrors = (body.errors ?? []).filter((error) => error.path?.length === 1 || !error.path);
  return { codes: rootErrors.map((error) => String(error.extensions?.code)), data: body.data?.[field.name] ?? null };
}

describe('machine scopes (generated from the supergraph)', () => {
  let tenantA: TenantActors;
  const findings: Finding[] = [];
  beforeAll(async () => {
    tenantA = await createTenantWithUsers(await superadminToken(), 'scopes');
  }, 60_000);

  it('a machine client reaches exactly the root fields of its scope', async () => {
    const schema = await apiSchema();
    const owners = owningGraphs();
    const tokens = new Map<MachineScope, string>();
    for (const scope of machineScopes)
      tokens.set(scope, await machineToken(tenantA.admin.token, [machineScopeName(scope)]));
    const everything = await machineToken(tenantA.admin.token, machineScopeNames);
    // An ingestion key (issue 16): an API key narrowed to `analytics:ingest`, like the machine client of that scope.
    const ingestionKey = { apiKey: await apiKey(tenantA.admin.token, 'CLIENT', ['ANALYTICS_INGEST']) };
    const roots = [
      ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ['query', field] as const),
      ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ['mutation', field] as const),
    ];
    let publicFields = 0;
    for (const [kind, field] of roots) {
      // Public operations (login, tokens, resets) answer anyone alike: no scope concerns them.
      const control = await call(kind, field, everything);
      const anonymous = await call(kind, field, null);
      if (!anonymous.codes.includes('FORBIDDEN') && anonymous.codes.join() === control.codes.join()) {
        publicFields++;
        continue;
      }
      const needed = neededScope(owners, kind, field.name);
      for (const [scope, token] of [...tokens, ['analytics:ingest', ingestionKey] as const]) {
        const answer = await call(kind, field, token);
        const inScope =
          scope === needed && (typeof token === 'string' || !beyondIngestionKeys.has(`${kind}.${field.name}`));
        const wrong = inScope
          ? answer.codes.includes('FORBIDDEN') && !control.codes.includes('FORBIDDEN')
          : !answer.codes.includes('FORBIDDEN') || answer.data !== null;
        if (wrong)
          findings.push({
            field: `${kind}.${field.name}${typeof token === 'string' ? '' : ' (ingestion key)'}`,
            scope,
            expected: inScope ? 'in scope' : 'outside',
            ...answer,
          });
      }
    }
    console.log(
      `machine scopes: ${roots.length - publicFields} root fields x ${machineScopes.length} scopes and an ingestion key checked ` +
        `(${publicFields} public fields skipped); wrong answers: ${findings.length}`,
    );
    expect(findings).toEqual([]);
  }, 600_000);

  it('GraphQL refuses a scope outside the enum at creation, naming it', async () => {
    const create = /* GraphQL */ `mutation M($input: CreateMachineClientInput!) { createMachineClient(input: $input) { clientSecret } }`;
    // The token form is not an enum value either: the API speaks only `CRM_READ`.
    for (const unknown of ['BILLING_ADMIN', 'crm:read']) {
      const { body } = await graphql(
        create,
        { input: { name: 'etl', scopes: ['CRM_READ', unknown] } },
        { headers: bearer(tenantA.admin.token) },
      );
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toContain(`"${unknown}"`);
      expect(body.errors?.[0]?.message).toContain('MachineScope');
    }
    const literal = await graphql(
      /* GraphQL */ `mutation { createMachineClient(input: { name: "etl", scopes: [CRM_READ, BILLING_ADMIN] }) { clientSecret } }`,
      {},
      { headers: bearer(tenantA.admin.token) },
    );
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.body.errors?.[0]?.message).toContain('BILLING_ADMIN');
  });

  it('lists and issues scopes as enum values, tokens carry the token form', async () => {
    const { body } = await graphql(
      /* GraphQL */ `mutation M($input: CreateMachineClientInput!) {
        createMachineClient(input: $input) { clientSecret machineClient { clientId scopes } } }`,
      { input: { name: 'etl', scopes: ['ANALYTICS_INGEST', 'AUTH_READ', 'ANALYTICS_INGEST'] } },
      { headers: bearer(tenantA.admin.token) },
    );
    const { clientSecret, machineClient } = body.data?.createMachineClient ?? {};
    expect(machineClient.scopes).toEqual(['ANALYTICS_INGEST', 'AUTH_READ']);
    const issued = await graphql(
      /* GraphQL */ `mutation T($id: String!, $secret: String!) {
        clientCredentialsToken(clientId: $id, clientSecret: $secret) { accessToken scopes } }`,
      { id: machineClient.clientId, secret: clientSecret },
    );
    const payload = issued.body.data?.clientCredentialsToken;
    expect(payload.scopes).toEqual(['ANALYTICS_INGEST', 'AUTH_READ']);
    expect(decodeJwt(payload.accessToken).scp).toEqual(['analytics:ingest', 'auth:read']);
  });
});
