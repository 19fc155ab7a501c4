import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  auditActions,
  createCustomer,
  createLead,
  createPipeline,
  failure,
  interactionFields,
  ok,
  type Caller,
} from './support/crm-api.ts';
import { connectDatabases } from './support/databases.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';
import type { AnswerJson } from './support/graphql.ts';

/** Interactions (emails, calls, meetings, notes): logged, planned, done; and CRM's entities through `_entities`. */
const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let mine: TenantActors;
let theirs: TenantActors;
let admin: Caller;
let client: Caller;
let customer: Record<string, AnswerJson>;
let lead: Record<string, AnswerJson>;
beforeAll(async () => {
  superToken = await superadminToken();
  [mine, theirs] = await Promise.all([
    createTenantWithUsers(superToken, 'crm-int'),
    createTenantWithUsers(superToken, 'crm-int-b'),
  ]);
  admin = as(mine.admin.token);
  client = as(mine.client.token);
  await createPipeline(admin);
  customer = await createCustomer(admin);
  lead = await createLead(admin, { customerId: customer.id });
});

const log = /* GraphQL */ `mutation L($input: LogInteractionInput!) { logInteraction(input: $input) { ${interactionFields} } }`;
const schedule = /* GraphQL */ `mutation S($input: ScheduleInteractionInput!) { scheduleInteraction(input: $input) { ${interactionFields} } }`;
const update = /* GraphQL */ `mutation U($id: ID!, $input: UpdateInteractionInput!) { updateInteraction(id: $id, input: $input) { ${interactionFields} } }`;
const complete = /* GraphQL */ `mutation C($id: ID!) { completeInteraction(id: $id) { ${interactionFields} } }`;
const remove = /* GraphQL */ `mutation D($id: ID!) { deleteInteraction(id: $id) }`;
const byId = /* GraphQL */ `query I($id: ID!) { interaction(id: $id) { ${interactionFields} } }`;
const list = /* GraphQL */ `
  query L($first: Int, $after: String, $filter: InteractionFilter, $orderBy: InteractionOrder) {
    interactions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } edges { node { id subject } } }
  }
`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const subjects = (data: { interactions: { edges: { node: { subject: string } }[] } }) =>
  data.interactions.edges.map((edge) => edge.node.subject);

describe('interaction writes', () => {
  it('logs a completed interaction (now by default) with the acting user as its user', async () => {
    const before = Date.now();
    const logged = ok(
      await client(log, {
        input: {
          type: 'CALL',
          subject: ' Intro call ',
          body: 'Went well',
          customerId: customer.id,
          userId: mine.admin.id,
        },
      }),
    ).logInteraction;
    expect(logged).toMatchObject({
      tenantId: mine.tenant.id,
      type: 'CALL',
      subject: 'Intro call',
      scheduledAt: null,
      user: { id: mine.client.id },
      customer: { id: customer.id },
      lead: null,
      createdById: mine.client.id,
    });
    expect(new Date(logged.completedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await auditActions(admin, logged.id)).toEqual(['interaction.log']);
  });

  it('takes the lead’s customer when only the lead is named, and refuses a lead of another customer', async () => {
    const logged = ok(
      await admin(log, { input: { type: 'NOTE', leadId: lead.id, completedAt: '2026-01-02T03:04:05.000Z' } }),
    ).logInteraction;
    expect(logged).toMatchObject({
      lead: { id: lead.id },
      customer: { id: customer.id },
      completedAt: '2026-01-02T03:04:05.000Z',
    });
    const stranger = await createCustomer(admin);
    const mismatch = await admin(log, { input: { type: 'NOTE', leadId: lead.id, customerId: stranger.id } });
    expect(failure(mismatch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadId' });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [log, { type: 'NOTE' }, 'BAD_USER_INPUT', 'input.customerId'],
    [log, { type: 'NOTE', customerId: 'CUSTOMER', completedAt: inDays(1) }, 'BAD_USER_INPUT', 'input.completedAt'],
    [log, { type: 'NOTE', customerId: 'CUSTOMER', subject: 's'.repeat(301) }, 'BAD_USER_INPUT', 'input.subject'],
    [log, { type: 'NOTE', customerId: randomUUID() }, 'NOT_FOUND', 'input.customerId'],
    [log, { type: 'NOTE', leadId: 'not-a-lead' }, 'NOT_FOUND', 'input.leadId'],
    [
      schedule,
      { type: 'MEETING', customerId: 'CUSTOMER', scheduledAt: inDays(-1) },
      'BAD_USER_INPUT',
      'input.scheduledAt',
    ],
  ])('refuses bad input with its code and field, writing nothing (%#)', async (mutation, input, code, field) => {
    const marker = `refused-${randomUUID()}`;
    const filled = {
      body: marker,
      ...input,
      customerId: input.customerId === 'CUSTOMER' ? customer.id : input.customerId,
    };
    expect(failure(await admin(mutation, { input: filled }))).toMatchObject({ code, field });
    expect(await db.crm.interaction.count({ where: { body: marker } })).toBe(0);
  });

  it('schedules an interaction in the future, reschedules it, completes it once', async () => {
    const planned = ok(
      await admin(schedule, {
        input: { type: 'MEETING', subject: 'Demo', customerId: customer.id, leadId: lead.id, scheduledAt: inDays(2) },
      }),
    ).scheduleInteraction;
    expect(planned).toMatchObject({ completedAt: null, user: { id: mine.admin.id }, lead: { id: lead.id } });
    const moved = ok(
      await admin(update, { id: planned.id, input: { scheduledAt: inDays(3), subject: 'Demo v2', body: null } }),
    ).updateInteraction;
    expect(moved).toMatchObject({ subject: 'Demo v2', body: null });
    expect(failure(await admin(update, { id: planned.id, input: { scheduledAt: inDays(-3) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.scheduledAt',
    });
    const done = ok(await admin(complete, { id: planned.id })).completeInteraction;
    expect(done.completedAt).not.toBeNull();
    expect(failure(await admin(complete, { id: planned.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(failure(await admin(update, { id: planned.id, input: { scheduledAt: inDays(5) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.scheduledAt',
    });
    expect(ok(await admin(remove, { id: planned.id })).deleteInteraction).toBe(true);
    expect(ok(await admin(byId, { id: planned.id })).interaction).toBeNull();
    expect(await auditActions(admin, planned.id)).toEqual([
      'interaction.schedule',
      'interaction.update',
      'interaction.complete',
      'interaction.delete',
    ]);
  });

  it('a CLIENT changes only interactions it had or recorded (FORBIDDEN otherwise, rows unchanged)', async () => {
    const adminsCall = ok(
      await admin(schedule, { input: { type: 'CALL', customerId: customer.id, scheduledAt: inDays(1) } }),
    ).scheduleInteraction;
    const own = ok(
      await client(schedule, { input: { type: 'CALL', customerId: customer.id, scheduledAt: inDays(1) } }),
    ).scheduleInteraction;
    expect(ok(await client(byId, { id: adminsCall.id })).interaction.id).toBe(adminsCall.id);
    for (const [mutation, variables] of [
      [update, { id: adminsCall.id, input: { subject: 'Mine' } }],
      [complete, { id: adminsCall.id }],
      [remove, { id: adminsCall.id }],
    ] as const) {
      expect(failure(await client(mutation, variables))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(ok(await admin(byId, { id: adminsCall.id })).interaction).toEqual(adminsCall);
    expect(ok(await client(complete, { id: own.id })).completeInteraction.completedAt).not.toBeNull();
    expect(ok(await admin(remove, { id: own.id })).deleteInteraction).toBe(true);
  });

  it('deleting a customer deletes its interactions', async () => {
    const gone = await createCustomer(admin);
    const note = ok(await admin(log, { input: { type: 'NOTE', customerId: gone.id } })).logInteraction;
    ok(await admin(`mutation D($id: ID!) { deleteCustomer(id: $id) }`, { id: gone.id }));
    expect(await db.crm.interaction.count({ where: { id: note.id } })).toBe(0);
  });
});

describe('interaction lists', () => {
  let own: Caller;
  let people: { admin: string; client: string };
  let target: { customer: string; lead: string; other: string };
  beforeAll(async () => {
    const tenant = await createTenantWithUsers(superToken, 'crm-int-list');
    own = as(tenant.admin.token);
    const ownClient = as(tenant.client.token);
    people = { admin: tenant.admin.id, client: tenant.client.id };
    await createPipeline(own);
    const [main, other] = [await createCustomer(own), await createCustomer(own)];
    const deal = await createLead(own, { customerId: main.id });
    target = { customer: main.id, lead: deal.id, other: other.id };
    ok(await own(log, { input: { type: 'CALL', subject: 'past call', customerId: main.id } }));
    ok(
      await own(schedule, {
        input: { type: 'MEETING', subject: 'next meeting', leadId: deal.id, scheduledAt: inDays(1) },
      }),
    );
    ok(
      await ownClient(schedule, {
        input: { type: 'CALL', subject: 'client call', customerId: other.id, scheduledAt: inDays(2) },
      }),
    );
    ok(await own(log, { input: { type: 'EMAIL', subject: 'sent email', customerId: other.id } }));
  });

  it.each([
    [{}, ['past call', 'next meeting', 'client call', 'sent email']],
    [{ scheduled: true }, ['next meeting', 'client call']],
    [{ scheduled: false }, ['past call', 'sent email']],
    [{ completed: true }, ['past call', 'sent email']],
    [{ completed: false, type: 'CALL' }, ['client call']],
    [{ customerId: 'CUSTOMER' }, ['past call', 'next meeting']],
    [{ leadId: 'LEAD' }, ['next meeting']],
    [{ userId: 'CLIENT' }, ['client call']],
  ])('filters by %j', async (filter, expected) => {
    const ids: Record<string, string> = { CUSTOMER: target.customer, LEAD: target.lead, CLIENT: people.client };
    const resolved = Object.fromEntries(
      Object.entries(filter).map(([key, value]) => [key, typeof value === 'string' && ids[value] ? ids[value] : value]),
    );
    const data = ok(await own(list, { filter: resolved, first: 100 }));
    expect(subjects(data)).toEqual(expected);
    expect(data.interactions.totalCount).toBe(expected.length);
  });

  it('pages newest first when asked, with bounded pages and order-bound cursors', async () => {
    const order = { field: 'CREATED_AT', direction: 'DESC' };
    const first = ok(await own(list, { orderBy: order, first: 3 }));
    expect(subjects(first)).toEqual(['sent email', 'client call', 'next meeting']);
    const last = ok(await own(list, { orderBy: order, first: 3, after: first.interactions.pageInfo.endCursor }));
    expect(subjects(last)).toEqual(['past call']);
    expect(last.interactions.pageInfo.hasNextPage).toBe(false);
    expect(failure(await own(list, { after: first.interactions.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(ok(await own(list, { first: 0 })).interactions).toMatchObject({ totalCount: 4, edges: [] });
    expect(failure(await own(list, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a customer and a lead show their interactions newest first', async () => {
    const data = ok(
      await own(
        `query C($id: ID!) { customer(id: $id) { interactions(first: 1) { subject } leads { interactions { subject user { id } } } } }`,
        { id: target.customer },
      ),
    );
    expect(data.customer.interactions).toEqual([{ subject: 'next meeting' }]);
    expect(data.customer.leads[0].interactions).toEqual([{ subject: 'next meeting', user: { id: people.admin } }]);
  });
});

describe('another tenant’s interactions (attacker’s side)', () => {
  it('ADMIN and CLIENT of tenant A get null and NOT_FOUND; tenant B’s interaction stays unchanged', async () => {
    const theirAdmin = as(theirs.admin.token);
    await createPipeline(theirAdmin);
    const theirCustomer = await createCustomer(theirAdmin);
    const theirLead = await createLead(theirAdmin, { customerId: theirCustomer.id });
    const victim = ok(
      await theirAdmin(schedule, {
        input: { type: 'MEETING', subject: 'secret', customerId: theirCustomer.id, scheduledAt: inDays(1) },
      }),
    ).scheduleInteraction;
    const before = await db.crm.interaction.findUnique({ where: { id: victim.id } });
    for (const attacker of [admin, client]) {
      expect(ok(await attacker(byId, { id: victim.id })).interaction).toBeNull();
      expect(ok(await attacker(list, { filter: { customerId: theirCustomer.id } })).interactions.totalCount).toBe(0);
      for (const [mutation, variables] of [
        [update, { id: victim.id, input: { subject: 'pwned' } }],
        [complete, { id: victim.id }],
        [remove, { id: victim.id }],
        [log, { input: { type: 'NOTE', customerId: theirCustomer.id } }],
        [log, { input: { type: 'NOTE', leadId: theirLead.id } }],
        [
          schedule,
          { input: { type: 'CALL', customerId: customer.id, scheduledAt: inDays(1), tenantId: theirs.tenant.id } },
        ],
      ] as const) {
        expect(failure(await attacker(mutation, variables))).toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    expect(await db.crm.interaction.findUnique({ where: { id: victim.id } })).toEqual(before);
    expect(await db.crm.interaction.count({ where: { tenantId: theirs.tenant.id } })).toBe(1);
  });
});

describe('CRM entities through _entities (one test per @key)', () => {
  it('resolves Customer, Lead, Pipeline, PipelineStage and Interaction only inside the caller’s tenant', async () => {
    const interaction = ok(await admin(log, { input: { type: 'NOTE', leadId: lead.id } })).logInteraction;
    const pipeline = lead.pipeline.id as string;
    const stage = lead.stage.id as string;
    const theirAdmin = as(theirs.admin.token);
    const theirPipeline = await createPipeline(theirAdmin);
    const theirCustomer = await createCustomer(theirAdmin);
    const theirLead = await createLead(theirAdmin, { customerId: theirCustomer.id });
    const theirInteraction = ok(
      await theirAdmin(log, { input: { type: 'NOTE', leadId: theirLead.id } }),
    ).logInteraction;
    const query = /* GraphQL */ `query E($r: [_Any!]!) { _entities(representations: $r) {
      ... on Customer { id email } ... on Lead { id title } ... on Pipeline { id name }
      ... on PipelineStage { id name } ... on Interaction { id type } } }`;
    const representations = [
      { __typename: 'Customer', id: customer.id },
      { __typename: 'Lead', id: lead.id },
      { __typename: 'Pipeline', id: pipeline },
      { __typename: 'PipelineStage', id: stage },
      { __typename: 'Interaction', id: interaction.id },
      { __typename: 'Customer', id: theirCustomer.id },
      { __typename: 'Lead', id: theirLead.id },
      { __typename: 'Pipeline', id: theirPipeline.id },
      { __typename: 'PipelineStage', id: theirPipeline.stages[0].id },
      { __typename: 'Interaction', id: theirInteraction.id },
      { __typename: 'Customer', id: 'not-a-uuid' },
    ];
    const identity = { ...identityOf('CLIENT', mine.tenant.id), subjectId: mine.client.id };
    const { body } = await subgraphRequest('crm', query, { identity, variables: { r: representations } });
    expect(body.data?._entities).toEqual([
      { id: customer.id, email: customer.email },
      { id: lead.id, title: lead.title },
      { id: pipeline, name: expect.any(String) },
      { id: stage, name: 'New' },
      { id: interaction.id, type: 'NOTE' },
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('adds assignedLeads to Auth’s User without echoing ids it cannot vouch for', async () => {
    const assigned = await createLead(admin, { assigneeId: mine.client.id });
    const query = `query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { assignedLeads(first: 100) { id } } } }`;
    const identity = identityOf('ADMIN', mine.tenant.id);
    const { body } = await subgraphRequest('crm', query, {
      identity,
      variables: {
        r: [
          { __typename: 'User', id: mine.client.id },
          { __typename: 'User', id: theirs.admin.id },
        ],
      },
    });
    expect(body.data?._entities[0].assignedLeads.map((row: { id: string }) => row.id)).toContain(assigned.id);
    expect(body.data?._entities[1]).toEqual({ assignedLeads: [] });
    const echoed = await subgraphRequest(
      'crm',
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`,
      { identity, variables: { r: [{ __typename: 'User', id: theirs.admin.id }] } },
    );
    expect(JSON.stringify(echoed.body.data)).not.toContain(theirs.admin.id);
  });
});
