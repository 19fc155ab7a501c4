import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { errorCode, eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { subgraphRequest } from './support/subgraph-request.ts';

describe('tenant registry and users', () => {
  let superToken: string;
  let mine: TenantActors;
  let theirs: TenantActors;
  beforeAll(async () => {
    superToken = await superadminToken();
    [mine, theirs] = await Promise.all([
      createTenantWithUsers(superToken, 'mine'),
      createTenantWithUsers(superToken, 'theirs'),
    ]);
  });

  it('createTenant validates input with the field path and refuses a taken slug with CONFLICT', async () => {
    const create = /* GraphQL */ `mutation C($input: CreateTenantInput!) { createTenant(input: $input) { id } }`;
    const invalid = await graphql(
      create,
      { input: { slug: 'Not A Slug', name: 'x', planTier: 'FREE' } },
      { headers: bearer(superToken) },
    );
    expect(invalid.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slug' });
    const taken = await graphql(
      create,
      { input: { slug: mine.tenant.slug, name: 'Again', planTier: 'FREE' } },
      { headers: bearer(superToken) },
    );
    expect(errorCode(taken.body)).toBe('CONFLICT');
    const byAdmin = await graphql(
      create,
      { input: { slug: `x-${randomUUID().slice(0, 8)}`, name: 'x', planTier: 'FREE' } },
      { headers: bearer(mine.admin.token) },
    );
    expect(errorCode(byAdmin.body)).toBe('FORBIDDEN');
  });

  it('tenant(id) answers the own tenant and null for another; tenants is SUPERADMIN only', async () => {
    const query = `query T($id: ID!) { tenant(id: $id) { id name } }`;
    expect(
      (await graphql(query, { id: mine.tenant.id }, { headers: bearer(mine.client.token) })).body.data?.tenant.id,
    ).toBe(mine.tenant.id);
    const foreign = await graphql(query, { id: theirs.tenant.id }, { headers: bearer(mine.admin.token) });
    expect(foreign.body.data?.tenant).toBeNull();
    expect(foreign.body.errors).toBeUndefined();
    expect(
      errorCode((await graphql(`{ tenants { totalCount } }`, {}, { headers: bearer(mine.admin.token) })).body),
    ).toBe('FORBIDDEN');
    expect(
      (await graphql(`{ tenants { totalCount } }`, {}, { headers: bearer(superToken) })).body.data?.tenants.totalCount,
    ).toBeGreaterThan(2);
  });

  it('an ADMIN sees and changes only their tenant’s users: a foreign id is NOT_FOUND or null', async () => {
    const users = await graphql(
      `{ users { totalCount edges { node { id tenant { id } } } } }`,
      {},
      { headers: bearer(mine.admin.token) },
    );
    expect(users.body.data?.users.totalCount).toBe(2);
    expect(
      users.body.data?.users.edges.every(
        (edge: { node: { tenant: { id: string } } }) => edge.node.tenant.id === mine.tenant.id,
      ),
    ).toBe(true);
    const foreignList = await graphql(
      `query U($t: ID) { users(tenantId: $t) { totalCount } }`,
      { t: theirs.tenant.id },
      { headers: bearer(mine.admin.token) },
    );
    expect(foreignList.body.data?.users.totalCount).toBe(0);

    const read = await graphql(
      `query U($id: ID!) { user(id: $id) { id email } }`,
      { id: theirs.client.id },
      { headers: bearer(mine.admin.token) },
    );
    expect(read.body.data?.user).toBeNull();
    for (const [mutation, variables] of [
      [`mutation M($id: ID!) { updateUserRole(id: $id, role: ADMIN) { id } }`, { id: theirs.client.id }],
      [`mutation M($id: ID!) { deactivateUser(id: $id) { id } }`, { id: theirs.client.id }],
      [`mutation M($id: ID!) { deactivateUser(id: $id) { id } }`, { id: randomUUID() }],
    ] as const) {
      expect(errorCode((await graphql(mutation, variables, { headers: bearer(mine.admin.token) })).body)).toBe(
        'NOT_FOUND',
      );
    }
    const intoTheirs = await graphql(
      `mutation C($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: `x-${randomUUID()}@example.test`,
          password: 'password-1',
          role: 'CLIENT',
          tenantId: theirs.tenant.id,
        },
      },
      { headers: bearer(mine.admin.token) },
    );
    expect(errorCode(intoTheirs.body)).toBe('NOT_FOUND');
  });

  it('a CLIENT reads only themselves', async () => {
    const self = await graphql(
      `query U($id: ID!) { user(id: $id) { id } }`,
      { id: mine.client.id },
      { headers: bearer(mine.client.token) },
    );
    expect(self.body.data?.user.id).toBe(mine.client.id);
    const colleague = await graphql(
      `query U($id: ID!) { user(id: $id) { id } }`,
      { id: mine.admin.id },
      { headers: bearer(mine.client.token) },
    );
    expect(colleague.body.data?.user).toBeNull();
    expect(
      errorCode((await graphql(`{ users { totalCount } }`, {}, { headers: bearer(mine.client.token) })).body),
    ).toBe('FORBIDDEN');
    const updated = await graphql(
      `mutation { updateMe(input: { firstName: "Renamed" }) { firstName } }`,
      {},
      { headers: bearer(mine.client.token) },
    );
    expect(updated.body.data?.updateMe.firstName).toBe('Renamed');
  });

  it('_entities resolves users and tenants only inside the caller’s tenant', async () => {
    const identity = {
      kind: 'user' as const,
      subjectId: mine.admin.id,
      tenantId: mine.tenant.id,
      role: 'ADMIN' as const,
      scopes: [],
      sessionId: null,
    };
    const { body } = await subgraphRequest(
      'auth',
      /* GraphQL */ `query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } ... on Tenant { id slug } } }`,
      {
        identity,
        variables: {
          r: [
            { __typename: 'User', id: mine.client.id },
            { __typename: 'User', id: theirs.client.id },
            { __typename: 'Tenant', id: mine.tenant.id },
            { __typename: 'Tenant', id: theirs.tenant.id },
          ],
        },
      },
    );
    expect(body.data?._entities).toEqual([
      { id: mine.client.id, email: mine.client.email },
      null,
      { id: mine.tenant.id, slug: mine.tenant.slug },
      null,
    ]);
  });

  it('deactivating a user refuses their token within seconds and their login; both are audited', async () => {
    const own = await createTenantWithUsers(superToken, 'deact');
    const result = await graphql(
      `mutation M($id: ID!) { deactivateUser(id: $id) { active } }`,
      { id: own.client.id },
      { headers: bearer(own.admin.token) },
    );
    expect(result.body.data?.deactivateUser.active).toBe(false);
    await eventually(async () => {
      const { body } = await graphql(`{ me { id } }`, {}, { headers: bearer(own.client.token) });
      expect(errorCode(body)).toBe('UNAUTHENTICATED');
    }, 3500);
    const relogin = await graphql(
      `mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: own.client.email, p: own.client.password },
    );
    expect(errorCode(relogin.body)).toBe('UNAUTHENTICATED');

    const audit = await graphql(
      `{ auditLog(first: 100) { edges { node { action entityId actorId tenantId changes } } } }`,
      {},
      { headers: bearer(own.admin.token) },
    );
    const actions = audit.body.data?.auditLog.edges.map((edge: { node: { action: string } }) => edge.node.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.create', 'user.create', 'user.deactivate']));
    const entry = audit.body.data?.auditLog.edges.find(
      (edge: { node: { action: string } }) => edge.node.action === 'user.deactivate',
    ).node;
    expect(entry).toMatchObject({ entityId: own.client.id, actorId: own.admin.id, tenantId: own.tenant.id });
    expect(JSON.stringify(audit.body.data)).not.toMatch(/password|Hash/i);
    const foreignAudit = await graphql(
      `query A($t: ID) { auditLog(tenantId: $t) { totalCount } }`,
      { t: own.tenant.id },
      { headers: bearer(mine.admin.token) },
    );
    expect(foreignAudit.body.data?.auditLog.totalCount).toBe(0);
  });
});
