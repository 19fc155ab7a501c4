import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

/**
 * Dashboards: tenant configuration written by ADMINs and SUPERADMINs; CLIENTs see the public ones
 * (and any they created). Widgets are validated; every write leaves an audit row.
 */
const db = connectDatabases();
afterAll(() => db.disconnect());

let actors: TenantActors;
let superToken: string;

const fields = 'id tenantId name description widgets isPublic createdById createdBy { id } createdAt updatedAt';
const createMutation = /* GraphQL */ `mutation C($input: CreateDashboardInput!) { createDashboard(input: $input) { ${fields} } }`;
const updateMutation = /* GraphQL */ `mutation U($id: ID!, $input: UpdateDashboardInput!) { updateDashboard(id: $id, input: $input) { ${fields} } }`;
const deleteMutation = /* GraphQL */ `mutation D($id: ID!) { deleteDashboard(id: $id) }`;
const oneQuery = /* GraphQL */ `query One($id: ID!) { dashboard(id: $id) { id name isPublic } }`;
const listQuery = /* GraphQL */ `
  query List($first: Int, $after: String, $filter: DashboardFilter, $orderBy: DashboardOrder) {
    dashboards(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id name isPublic } }
    }
  }
`;
const as = (token: string) => ({ headers: bearer(token) });
const widget = (title: string) => ({ type: 'timeseries', metric: 'events.count', title, granularity: 'DAY' });
const namesOf = (body: { data?: object | null }) =>
  (body.data as { dashboards: { edges: { node: { name: string } }[] } } | null | undefined)?.dashboards.edges.map(
    (edge) => edge.node.name,
  );

async function create(token: string, input: Record<string, unknown>) {
  const { body } = await graphql(createMutation, { input }, as(token));
  if (!body.data?.createDashboard) throw new Error(`createDashboard failed: ${JSON.stringify(body.errors)}`);
  return body.data.createDashboard as { id: string; name: string };
}

beforeAll(async () => {
  superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'analytics-dashboards');
}, 60_000);

describe('dashboards', () => {
  it('an ADMIN creates a dashboard with validated widgets, private by default, created by them', async () => {
    const { body } = await graphql(
      createMutation,
      {
        input: {
          name: ' Growth ',
          description: 'Weekly',
          widgets: [widget('Events'), { type: 'number', metric: 'events.count', title: 'Total' }],
        },
      },
      as(actors.admin.token),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.createDashboard).toMatchObject({
      tenantId: actors.tenant.id,
      name: 'Growth',
      description: 'Weekly',
      widgets: [widget('Events'), { type: 'number', metric: 'events.count', title: 'Total' }],
      isPublic: false,
      createdById: actors.admin.id,
      createdBy: { id: actors.admin.id },
    });
    const audit = await db.analytics.auditLog.findFirst({ where: { entityId: body.data?.createDashboard.id } });
    expect(audit).toMatchObject({
      action: 'dashboard.create',
      entityType: 'Dashboard',
      actorId: actors.admin.id,
      tenantId: actors.tenant.id,
    });
  });

  it.each([
    [{ name: '' }, 'input.name'],
    [{ name: 'x'.repeat(201) }, 'input.name'],
    [{ name: 'W', widgets: [widget('ok'), { type: 'number', title: 'No metric' }] }, 'input.widgets.1.metric'],
    [{ name: 'W', widgets: [{ type: 'hologram', metric: 'events.count', title: 'T' }] }, 'input.widgets.0.type'],
    [{ name: 'W', widgets: [{ type: 'number', metric: 'events.count', title: '' }] }, 'input.widgets.0.title'],
    [{ name: 'W', widgets: Array.from({ length: 51 }, (_, i) => widget(`w${i}`)) }, 'input.widgets'],
    [{ name: 'W', description: 'd'.repeat(2001) }, 'input.description'],
  ])('refuses invalid input %# with its path (BAD_USER_INPUT)', async (input, field) => {
    const { body } = await graphql(createMutation, { input }, as(actors.admin.token));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('updates the fields given, clears the description with null, and audits the change', async () => {
    const created = await create(actors.admin.token, { name: 'Before', description: 'Old', widgets: [widget('A')] });
    const { body } = await graphql(
      updateMutation,
      {
        id: created.id,
        input: { name: 'After', description: null, isPublic: true, widgets: [widget('B'), widget('C')] },
      },
      as(actors.admin.token),
    );
    expect(body.data?.updateDashboard).toMatchObject({
      name: 'After',
      description: null,
      isPublic: true,
      widgets: [widget('B'), widget('C')],
    });
    const renamedOnly = await graphql(
      updateMutation,
      { id: created.id, input: { name: 'Renamed' } },
      as(actors.admin.token),
    );
    expect(renamedOnly.body.data?.updateDashboard).toMatchObject({
      name: 'Renamed',
      isPublic: true,
      widgets: [widget('B'), widget('C')],
    });
    const refused = await graphql(updateMutation, { id: created.id, input: { name: null } }, as(actors.admin.token));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const actions = await db.analytics.auditLog.findMany({
      where: { entityId: created.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((row) => row.action)).toEqual(['dashboard.create', 'dashboard.update', 'dashboard.update']);
    expect(actions[1]!.changes).toMatchObject({ name: 'After', description: null, isPublic: true, widgets: 2 });
  });

  it('deletes a dashboard once; afterwards it is not found', async () => {
    const created = await create(actors.admin.token, { name: 'Doomed' });
    expect((await graphql(deleteMutation, { id: created.id }, as(actors.admin.token))).body.data?.deleteDashboard).toBe(
      true,
    );
    expect((await graphql(oneQuery, { id: created.id }, as(actors.admin.token))).body.data?.dashboard).toBeNull();
    expect(errorCode((await graphql(deleteMutation, { id: created.id }, as(actors.admin.token))).body)).toBe(
      'NOT_FOUND',
    );
    expect(await db.analytics.auditLog.count({ where: { entityId: created.id, action: 'dashboard.delete' } })).toBe(1);
  });

  it.each([randomUUID(), 'not-a-uuid'])('updating or deleting a missing dashboard (%s) is NOT_FOUND', async (id) => {
    expect(errorCode((await graphql(updateMutation, { id, input: { name: 'X' } }, as(actors.admin.token))).body)).toBe(
      'NOT_FOUND',
    );
    expect(errorCode((await graphql(deleteMutation, { id }, as(actors.admin.token))).body)).toBe('NOT_FOUND');
  });

  it('a CLIENT cannot create, update or delete dashboards (FORBIDDEN) and sees only public ones', async () => {
    const shared = await create(actors.admin.token, { name: 'Shared', isPublic: true });
    const hidden = await create(actors.admin.token, { name: 'Hidden' });
    const token = actors.client.token;
    expect(errorCode((await graphql(createMutation, { input: { name: 'Mine' } }, as(token))).body)).toBe('FORBIDDEN');
    expect(errorCode((await graphql(updateMutation, { id: shared.id, input: { name: 'X' } }, as(token))).body)).toBe(
      'FORBIDDEN',
    );
    expect(errorCode((await graphql(deleteMutation, { id: shared.id }, as(token))).body)).toBe('FORBIDDEN');
    expect((await graphql(oneQuery, { id: shared.id }, as(token))).body.data?.dashboard).toMatchObject({
      id: shared.id,
    });
    expect((await graphql(oneQuery, { id: hidden.id }, as(token))).body.data?.dashboard).toBeNull();
    const listed = await graphql(listQuery, { first: 100 }, as(token));
    expect(
      listed.body.data?.dashboards.edges.every((edge: { node: { isPublic: boolean } }) => edge.node.isPublic),
    ).toBe(true);
    expect(namesOf(listed.body)).toContain('Shared');
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dashboard { id } } }`;
    const client = { ...identityOf('CLIENT', actors.tenant.id), subjectId: actors.client.id };
    const { body } = await subgraphRequest('analytics', entities, {
      identity: client,
      variables: { r: [shared.id, hidden.id].map((id) => ({ __typename: 'Dashboard', id })) },
    });
    expect(body.data._entities).toEqual([{ id: shared.id }, null]);
  });

  it('a CLIENT also sees private dashboards it created itself', async () => {
    const own = await db.analytics.dashboard.create({
      data: { tenantId: actors.tenant.id, name: 'Client made', createdById: actors.client.id },
    });
    expect((await graphql(oneQuery, { id: own.id }, as(actors.client.token))).body.data?.dashboard).toMatchObject({
      id: own.id,
      isPublic: false,
    });
  });

  it('pages, sorts and filters dashboards', async () => {
    const fresh = await createTenantWithUsers(superToken, 'analytics-dash-pages');
    for (const [name, isPublic] of [
      ['Charlie', true],
      ['Alpha', false],
      ['Bravo', true],
    ] as const)
      await create(fresh.admin.token, { name, isPublic });
    const token = fresh.admin.token;
    const first = await graphql(listQuery, { first: 2 }, as(token));
    expect(namesOf(first.body)).toEqual(['Charlie', 'Alpha']);
    expect(first.body.data?.dashboards).toMatchObject({
      totalCount: 3,
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
    const rest = await graphql(
      listQuery,
      { first: 2, after: first.body.data?.dashboards.pageInfo.endCursor },
      as(token),
    );
    expect(namesOf(rest.body)).toEqual(['Bravo']);
    expect(rest.body.data?.dashboards.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const byName = await graphql(listQuery, { orderBy: { field: 'NAME', direction: 'DESC' } }, as(token));
    expect(namesOf(byName.body)).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(namesOf((await graphql(listQuery, { filter: { isPublic: false } }, as(token))).body)).toEqual(['Alpha']);
    expect(namesOf((await graphql(listQuery, { filter: { name: 'RAV' } }, as(token))).body)).toEqual(['Bravo']);
    expect(
      namesOf((await graphql(listQuery, { filter: { createdById: fresh.admin.id } }, as(token))).body),
    ).toHaveLength(3);
    const tooMany = await graphql(listQuery, { first: 101 }, as(token));
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a SUPERADMIN must name the tenant of a new dashboard', async () => {
    const missing = await graphql(createMutation, { input: { name: 'Platform' } }, as(superToken));
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tenantId' });
    const created = await graphql(
      createMutation,
      { input: { name: 'Platform', tenantId: actors.tenant.id } },
      as(superToken),
    );
    expect(created.body.data?.createDashboard).toMatchObject({ tenantId: actors.tenant.id });
  });
});
