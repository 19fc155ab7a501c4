import type { MachineScopeName } from '@codex/kit';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { inject } from 'vitest';
import { bearer, createTenantWithUsers, login, superadminToken, type TenantActors } from './actors.ts';
import type { Databases } from './databases.ts';
import { baselineArgs, type FuzzTargets } from './fuzz-operations.ts';
import { graphql } from './graphql.ts';
import { fillTenant, type TenantShape } from './tenant-fixture.ts';

export type Role = 'SUPERADMIN' | 'ADMIN' | 'CLIENT' | 'machine' | 'anonymous';
export const roles: Role[] = ['SUPERADMIN', 'ADMIN', 'CLIENT', 'machine', 'anonymous'];

/** Every scope a machine client can hold, so the machine role reaches every field a CLIENT reaches. */
const machineScopes: MachineScopeName[] = [
  'CRM_READ',
  'CRM_WRITE',
  'CMS_READ',
  'CMS_WRITE',
  'ANALYTICS_READ',
  'ANALYTICS_INGEST',
];

const shape: TenantShape = {
  users: [{ active: true }],
  customers: 2,
  leads: ['OPEN'],
  contentItems: ['DRAFT'],
  // Media files come through `uploadMedia` below: the fixture's storage keys are not the service's.
  pages: 1,
  subscriptions: ['ACTIVE'],
  invoices: ['DRAFT'],
  eventAgesHours: [1],
};

/** Rows the fixture cannot write directly, made through the API with the generated baseline. */
const seededThroughApi = ['uploadMedia', 'createDashboard', 'logInteraction', 'createApiKey', 'updateContentItem'];

/** Superuser connections to the five databases: they see every tenant's rows, whatever row-level security says. */
export async function connectAsSuperuser() {
  const adminUrl = inject('adminDatabaseUrl');
  const clients = await Promise.all(
    Object.entries(inject('databaseUrls')).map(async ([service, url]) => {
      const name = new URL(url).pathname.slice(1);
      const client = new pg.Client({ connectionString: adminUrl.replace(/\/postgres$/, `/${name}`) });
      await client.connect();
      const { rows } = await client.query<{ table_name: string; created: boolean }>(
        `SELECT c.table_name, bool_or(o.column_name = 'created_at') AS created
           FROM information_schema.columns c JOIN information_schema.columns o USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' GROUP BY c.table_name ORDER BY 1`,
      );
      return { service, client, tables: rows };
    }),
  );
  const end = () => Promise.all(clients.map(({ client }) => client.end()));
  return { clients, end };
}
export type Superuser = Awaited<ReturnType<typeof connectAsSuperuser>>;

/** Rows of the tenant per `service.table`, and the platform's tenants. */
export async function countRows(su: Superuser, tenantId: string): Promise<Record<string, number>> {
  const perService = await Promise.all(
    su.clients.map(async ({ service, client, tables }) => {
      const counts = tables.map(
        ({ table_name }) =>
          `SELECT '${service}.${table_name}' AS t, count(*)::int AS n FROM "${table_name}" WHERE tenant_id = $1`,
      );
      if (service === 'auth')
        counts.push(`SELECT 'auth.tenants (all)', count(*)::int FROM tenants WHERE $1::uuid IS NOT NULL`);
      const { rows } = await client.query<{ t: string; n: number }>(counts.join(' UNION ALL '), [tenantId]);
      return rows.map((row) => [row.t, row.n] as const);
    }),
  );
  return Object.fromEntries(perService.flat());
}

const entityName = (table: string) =>
  table
    .replace(/ies$/, 'y')
    .replace(/([^s])s$/, '$1')
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The newest row of every kind the tenant owns, by entity name. */
async function rowIds(su: Superuser, tenantId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = { tenant: tenantId };
  for (const { client, tables } of su.clients) {
    for (const { table_name, created } of tables) {
      const order = created ? 'created_at DESC, id' : 'id';
      const { rows } = await client
        .query<{ id: string }>(`SELECT id::text FROM "${table_name}" WHERE tenant_id = $1 ORDER BY ${order} LIMIT 1`, [
          tenantId,
        ])
        .catch(() => ({ rows: [] as { id: string }[] }));
      if (rows[0]) ids[entityName(table_name)] = rows[0].id;
    }
  }
  return ids;
}

export interface Actor {
  token: string | null;
  renew: () => Promise<string | null>;
}

async function machineClient(adminToken: string): Promise<Actor> {
  const create = /* GraphQL */ `mutation M($input: CreateMachineClientInput!) {
    createMachineClient(input: $input) { clientSecret machineClient { clientId } } }`;
  const { body } = await graphql(
    create,
    { input: { name: 'fuzz machine', scopes: machineScopes } },
    { headers: bearer(adminToken) },
  );
  const { clientSecret, machineClient } = body.data?.createMachineClient ?? {};
  const exchange = /* GraphQL */ `mutation T($id: String!, $secret: String!) {
    clientCredentialsToken(clientId: $id, clientSecret: $secret) { accessToken } }`;
  const renew = async () =>
    (await graphql(exchange, { id: machineClient?.clientId, secret: clientSecret })).body.data?.clientCredentialsToken
      ?.accessToken ?? null;
  return { token: await renew(), renew };
}

const userActor = (email: string, password: string, token: string): Actor => ({
  token,
  renew: () => login(email, password).catch(() => null),
});

async function seedThroughApi(schema: GraphQLSchema, targets: FuzzTargets, token: string) {
  const mutations = schema.getMutationType()!.getFields();
  for (const name of seededThroughApi) {
    const field = mutations[name]!;
    const args = baselineArgs(field, targets, false);
    const declarations = field.args.filter((arg) => arg.name in args).map((arg) => `$${arg.name}: ${arg.type}`);
    const call = Object.keys(args).map((arg) => `${arg}: $${arg}`);
    await graphql(`mutation Seed(${declarations.join(', ')}) { ${name}(${call.join(', ')}) { __typename } }`, args, {
      headers: bearer(token),
    });
  }
}

async function tenantWithRows(schema: GraphQLSchema, db: Databases, su: Superuser, superToken: string, label: string) {
  const actors = await createTenantWithUsers(superToken, label);
  await fillTenant(db, actors.tenant.id, shape, `${label}${actors.tenant.id.slice(0, 8)}`);
  const partial = await rowIds(su, actors.tenant.id);
  await seedThroughApi(
    schema,
    { own: partial, foreign: partial, tenantId: actors.tenant.id, cursor: '' },
    actors.admin.token,
  );
  return actors;
}

/**
 * The fuzz tenant (ADMIN, CLIENT, a machine client with every scope, a row of every kind) and
 * another tenant whose ids serve as "another tenant's".
 */
export async function createFuzzWorld(schema: GraphQLSchema, db: Databases, su: Superuser) {
  const superToken = await superadminToken();
  const own: TenantActors = await tenantWithRows(schema, db, su, superToken, 'fuzz');
  const other = await tenantWithRows(schema, db, su, superToken, 'fuzz-other');
  const machine = await machineClient(own.admin.token);
  // A second client: the newest, so `revokeMachineClient` aims at it and not at the one the suite uses.
  await machineClient(own.admin.token);
  const cursors = await graphql(`{ users(first: 1) { edges { cursor } } }`, {}, { headers: bearer(own.admin.token) });
  const targets: FuzzTargets = {
    own: await rowIds(su, own.tenant.id),
    foreign: await rowIds(su, other.tenant.id),
    tenantId: own.tenant.id,
    cursor: cursors.body.data?.users.edges[0].cursor,
  };
  const actors: Record<Role, Actor> = {
    SUPERADMIN: { token: superToken, renew: () => superadminToken().catch(() => null) },
    ADMIN: userActor(own.admin.email, own.admin.password, own.admin.token),
    CLIENT: userActor(own.client.email, own.client.password, own.client.token),
    machine,
    anonymous: { token: null, renew: async () => null },
  };
  return { own, other, targets, actors };
}
export type FuzzWorld = Awaited<ReturnType<typeof createFuzzWorld>>;

/** After a destructive field: the fuzz tenant and its two users active again, every token fresh. */
export async function repairWorld(world: FuzzWorld) {
  const headers = bearer(world.actors.SUPERADMIN.token!);
  await graphql(`mutation R($id: ID!) { reactivateTenant(id: $id) { id } }`, { id: world.own.tenant.id }, { headers });
  for (const user of [world.own.admin, world.own.client]) {
    await graphql(`mutation R($id: ID!) { reactivateUser(id: $id) { id } }`, { id: user.id }, { headers });
  }
  for (const role of roles) world.actors[role].token = (await world.actors[role].renew()) ?? world.actors[role].token;
}
