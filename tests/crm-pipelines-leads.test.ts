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
  leadFields,
  ok,
  pipelineFields,
  type Caller,
} from './support/crm-api.ts';
import { connectDatabases } from './support/databases.ts';
import type { AnswerJson } from './support/graphql.ts';

/** Pipelines with ordered stages (one default per tenant) and leads moving through them. */
const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
beforeAll(async () => {
  superToken = await superadminToken();
});

/** A fresh tenant for each group: pipelines and defaults are per tenant. */
async function freshTenant(label: string) {
  const tenant = await createTenantWithUsers(superToken, label);
  return { tenant, admin: as(tenant.admin.token), client: as(tenant.client.token) };
}

const pipelineQuery = /* GraphQL */ `query P($id: ID!) { pipeline(id: $id) { ${pipelineFields} } }`;
const pipelinesQuery = /* GraphQL */ `{ pipelines(first: 100) { totalCount edges { node { id name isDefault } } } }`;
const setDefault = /* GraphQL */ `mutation S($id: ID!) { setDefaultPipeline(id: $id) { id isDefault } }`;
const deletePipeline = /* GraphQL */ `mutation D($id: ID!) { deletePipeline(id: $id) }`;
const addStage = /* GraphQL */ `mutation A($id: ID!, $input: AddPipelineStageInput!) { addPipelineStage(pipelineId: $id, input: $input) { ${pipelineFields} } }`;
const updateStage = /* GraphQL */ `mutation U($id: ID!, $input: UpdatePipelineStageInput!) { updatePipelineStage(id: $id, input: $input) { id name probability pipeline { id } } }`;
const reorder = /* GraphQL */ `mutation R($id: ID!, $ids: [ID!]!) { reorderPipelineStages(pipelineId: $id, stageIds: $ids) { ${pipelineFields} } }`;
const removeStage = /* GraphQL */ `mutation X($id: ID!) { removePipelineStage(id: $id) { ${pipelineFields} } }`;
const createLeadMutation = /* GraphQL */ `mutation L($input: CreateLeadInput!) { createLead(input: $input) { ${leadFields} } }`;
const updateLead = /* GraphQL */ `mutation U($id: ID!, $input: UpdateLeadInput!) { updateLead(id: $id, input: $input) { ${leadFields} } }`;
const moveLead = /* GraphQL */ `mutation M($id: ID!, $stageId: ID!, $p: Int) { moveLeadToStage(id: $id, stageId: $stageId, probability: $p) { ${leadFields} } }`;
const winLead = /* GraphQL */ `mutation W($id: ID!) { winLead(id: $id) { ${leadFields} } }`;
const loseLead = /* GraphQL */ `mutation L($id: ID!, $reason: String!) { loseLead(id: $id, reason: $reason) { ${leadFields} } }`;
const reopenLead = /* GraphQL */ `mutation R($id: ID!) { reopenLead(id: $id) { ${leadFields} } }`;
const deleteLead = /* GraphQL */ `mutation D($id: ID!) { deleteLead(id: $id) }`;
const leadQuery = /* GraphQL */ `query L($id: ID!) { lead(id: $id) { ${leadFields} } }`;
const leadsQuery = /* GraphQL */ `
  query L($first: Int, $after: String, $filter: LeadFilter, $orderBy: LeadOrder) {
    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id title value probability } }
    }
  }
`;
const titles = (data: { leads: { edges: { node: { title: string } }[] } }) =>
  data.leads.edges.map((edge) => edge.node.title);

describe('pipelines', () => {
  it('creates a pipeline with stages in order; the tenant’s first pipeline becomes its default', async () => {
    const { admin, tenant } = await freshTenant('crm-pipe');
    const first = await createPipeline(admin, { isDefault: false });
    expect(first).toMatchObject({ tenantId: tenant.tenant.id, isDefault: true });
    expect(
      first.stages.map((stage: { name: string; position: number; probability: number }) => [
        stage.name,
        stage.position,
        stage.probability,
      ]),
    ).toEqual([
      ['New', 0, 10],
      ['Qualified', 1, 40],
      ['Proposal', 2, 70],
    ]);
    const second = await createPipeline(admin);
    expect(second.isDefault).toBe(false);
    const third = await createPipeline(admin, { isDefault: true });
    expect(third.isDefault).toBe(true);
    const listed = ok(await admin(pipelinesQuery)).pipelines;
    expect(listed.totalCount).toBe(3);
    expect(
      listed.edges
        .filter((edge: { node: { isDefault: boolean } }) => edge.node.isDefault)
        .map((edge: { node: { id: string } }) => edge.node.id),
    ).toEqual([third.id]);
    expect(await auditActions(admin, third.id)).toEqual(['pipeline.create']);
  });

  it('setDefaultPipeline moves the default in one step; there is always at most one', async () => {
    const { admin } = await freshTenant('crm-default');
    const [a, b] = [await createPipeline(admin), await createPipeline(admin)];
    await Promise.all([
      admin(setDefault, { id: b.id }),
      admin(setDefault, { id: a.id }),
      admin(setDefault, { id: b.id }),
    ]);
    ok(await admin(setDefault, { id: b.id }));
    const defaults = await db.crm.pipeline.findMany({ where: { id: { in: [a.id, b.id] }, isDefault: true } });
    expect(defaults.map((pipeline) => pipeline.id)).toEqual([b.id]);
    expect(await auditActions(admin, b.id)).toContain('pipeline.set_default');
  });

  it('validates pipelines: field paths for bad input, CONFLICT for a taken name', async () => {
    const { admin } = await freshTenant('crm-pipe-bad');
    const create = `mutation P($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', stages: [] }, 'input.stages'],
      [{ name: 'x', stages: [{ name: 'A' }, { name: 'a' }] }, 'input.stages.1.name'],
      [{ name: 'x', stages: [{ name: 'A', probability: 101 }] }, 'input.stages.0.probability'],
      [{ name: ' ', stages: [{ name: 'A' }] }, 'input.name'],
    ];
    for (const [input, field] of cases)
      expect(failure(await admin(create, { input }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const existing = await createPipeline(admin);
    expect(failure(await admin(create, { input: { name: existing.name, stages: [{ name: 'A' }] } }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.name',
    });
    const rename = `mutation U($id: ID!, $name: String) { updatePipeline(id: $id, input: { name: $name }) { name } }`;
    const other = await createPipeline(admin);
    expect(failure(await admin(rename, { id: other.id, name: existing.name }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.name',
    });
    expect(ok(await admin(rename, { id: other.id, name: 'Renamed' })).updatePipeline.name).toBe('Renamed');
  });

  it('refuses to delete a pipeline in use, or the default while others exist (CONFLICT); deletes otherwise', async () => {
    const { admin } = await freshTenant('crm-pipe-del');
    const main = await createPipeline(admin);
    const spare = await createPipeline(admin);
    expect(failure(await admin(deletePipeline, { id: main.id }))).toMatchObject({ code: 'CONFLICT' });
    const lead = await createLead(admin, { pipelineId: spare.id });
    expect(failure(await admin(deletePipeline, { id: spare.id }))).toMatchObject({ code: 'CONFLICT' });
    ok(await admin(deleteLead, { id: lead.id }));
    expect(ok(await admin(deletePipeline, { id: spare.id })).deletePipeline).toBe(true);
    expect(ok(await admin(deletePipeline, { id: main.id })).deletePipeline).toBe(true);
    expect(ok(await admin(pipelinesQuery)).pipelines.totalCount).toBe(0);
    expect(await db.crm.pipelineStage.count({ where: { pipelineId: { in: [main.id, spare.id] } } })).toBe(0);
    expect(await auditActions(admin, main.id)).toEqual(['pipeline.create', 'pipeline.delete']);
  });

  it('adds, renames, reorders and removes stages, keeping positions 0..n-1', async () => {
    const { admin } = await freshTenant('crm-stages');
    const pipeline = await createPipeline(admin);
    const [newStage, qualified, proposal] = pipeline.stages as { id: string }[];
    const added = ok(
      await admin(addStage, { id: pipeline.id, input: { name: 'Demo', probability: 55, position: 1 } }),
    ).addPipelineStage;
    expect(added.stages.map((stage: { name: string }) => stage.name)).toEqual(['New', 'Demo', 'Qualified', 'Proposal']);
    const demo = added.stages[1];
    const appended = ok(await admin(addStage, { id: pipeline.id, input: { name: 'Won' } })).addPipelineStage;
    expect(appended.stages.map((stage: { position: number }) => stage.position)).toEqual([0, 1, 2, 3, 4]);

    expect(
      ok(await admin(updateStage, { id: demo.id, input: { name: 'Live demo', probability: 50 } })).updatePipelineStage,
    ).toMatchObject({ name: 'Live demo', probability: 50 });
    expect(failure(await admin(updateStage, { id: demo.id, input: { name: 'New' } }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.name',
    });
    expect(failure(await admin(updateStage, { id: demo.id, input: { probability: -1 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.probability',
    });

    const won = appended.stages[4];
    const order = [won.id, proposal!.id, qualified!.id, demo.id, newStage!.id];
    const reordered = ok(await admin(reorder, { id: pipeline.id, ids: order })).reorderPipelineStages;
    expect(reordered.stages.map((stage: { id: string }) => stage.id)).toEqual(order);
    for (const ids of [order.slice(1), [...order.slice(1), order[1]], [...order.slice(1), randomUUID()]]) {
      expect(failure(await admin(reorder, { id: pipeline.id, ids }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'stageIds',
      });
    }

    const lead = await createLead(admin, { pipelineId: pipeline.id, stageId: demo.id });
    expect(failure(await admin(removeStage, { id: demo.id }))).toMatchObject({ code: 'CONFLICT' });
    ok(await admin(moveLead, { id: lead.id, stageId: won.id }));
    const removed = ok(await admin(removeStage, { id: demo.id })).removePipelineStage;
    expect(removed.stages.map((stage: { name: string; position: number }) => [stage.name, stage.position])).toEqual([
      ['Won', 0],
      ['Proposal', 1],
      ['Qualified', 2],
      ['New', 3],
    ]);
    expect(failure(await admin(addStage, { id: pipeline.id, input: { name: 'Far', position: 9 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.position',
    });
    expect(await auditActions(admin, demo.id)).toEqual(['stage.create', 'stage.update', 'stage.delete']);
  });

  it('keeps the last stage of a pipeline (CONFLICT)', async () => {
    const { admin } = await freshTenant('crm-last-stage');
    const pipeline = await createPipeline(admin, { stages: [{ name: 'Only' }] });
    expect(failure(await admin(removeStage, { id: pipeline.stages[0].id }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('a CLIENT reads pipelines but cannot manage them (FORBIDDEN)', async () => {
    const { admin, client } = await freshTenant('crm-pipe-client');
    const pipeline = await createPipeline(admin);
    expect(ok(await client(pipelineQuery, { id: pipeline.id })).pipeline.stages).toHaveLength(3);
    const attempts = [
      client(`mutation { createPipeline(input: { name: "Mine", stages: [{ name: "A" }] }) { id } }`),
      client(setDefault, { id: pipeline.id }),
      client(deletePipeline, { id: pipeline.id }),
      client(addStage, { id: pipeline.id, input: { name: 'B' } }),
      client(removeStage, { id: pipeline.stages[0].id }),
    ];
    for (const response of await Promise.all(attempts)) expect(failure(response)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.crm.pipelineStage.count({ where: { pipelineId: pipeline.id } })).toBe(3);
  });
});

describe('leads', () => {
  let tenant: TenantActors;
  let admin: Caller;
  let client: Caller;
  let main: Record<string, AnswerJson>;
  let other: Record<string, AnswerJson>;
  beforeAll(async () => {
    const fresh = await freshTenant('crm-leads');
    ({ tenant, admin, client } = fresh);
    main = await createPipeline(admin);
    other = await createPipeline(admin);
  });

  it('a new lead goes to the default pipeline’s first stage at its probability, owned by its creator', async () => {
    const customer = await createCustomer(admin);
    const lead = await createLead(client, {
      title: 'Big deal',
      value: '12500.50',
      currency: 'eur',
      customerId: customer.id,
      assigneeId: tenant.admin.id,
      expectedCloseDate: '2027-03-15T00:00:00.000Z',
    });
    expect(lead).toMatchObject({
      tenantId: tenant.tenant.id,
      title: 'Big deal',
      value: '12500.5',
      currency: 'EUR',
      status: 'OPEN',
      probability: 10,
      pipeline: { id: main.id },
      stage: { id: main.stages[0].id, name: 'New' },
      customer: { id: customer.id },
      assignee: { id: tenant.admin.id },
      expectedCloseDate: '2027-03-15T00:00:00.000Z',
      createdById: tenant.client.id,
    });
    expect(await auditActions(admin, lead.id)).toEqual(['lead.create']);
  });

  it('takes the pipeline of a named stage, and the probability given', async () => {
    const lead = await createLead(admin, { stageId: other.stages[2].id, probability: 5 });
    expect(lead).toMatchObject({ pipeline: { id: other.id }, stage: { id: other.stages[2].id }, probability: 5 });
    const mismatch = await admin(createLeadMutation, {
      input: { title: 'x', pipelineId: main.id, stageId: other.stages[0].id },
    });
    expect(failure(mismatch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stageId' });
  });

  it.each([
    [{ probability: 101 }, 'BAD_USER_INPUT', 'input.probability'],
    [{ probability: -1 }, 'BAD_USER_INPUT', 'input.probability'],
    [{ value: '-1' }, 'BAD_USER_INPUT', 'input.value'],
    [{ currency: 'euro' }, 'BAD_USER_INPUT', 'input.currency'],
    [{ assigneeId: 'someone' }, 'BAD_USER_INPUT', 'input.assigneeId'],
    [{ title: '' }, 'BAD_USER_INPUT', 'input.title'],
    [{ customerId: '00000000-0000-4000-8000-000000000999' }, 'NOT_FOUND', 'input.customerId'],
    [{ pipelineId: 'nope' }, 'NOT_FOUND', 'input.pipelineId'],
  ])('refuses %j with %s naming %s, and writes nothing', async (input, code, field) => {
    const title = `refused-${randomUUID()}`;
    expect(failure(await admin(createLeadMutation, { input: { title, ...input } }))).toMatchObject({ code, field });
    expect(await db.crm.lead.count({ where: { tenantId: tenant.tenant.id, title } })).toBe(0);
  });

  describe('an assignee is a user of the lead’s tenant (Auth confirms it)', () => {
    let foreign: TenantActors;
    beforeAll(async () => {
      foreign = await createTenantWithUsers(superToken, 'crm-assignee-foreign');
    });

    it.each([
      ['another tenant’s user', () => foreign.admin.id],
      ['a made-up id', () => randomUUID()],
    ])('createLead with %s is NOT_FOUND on input.assigneeId and writes nothing', async (_label, assigneeId) => {
      const title = `assignee-${randomUUID()}`;
      const answer = await client(createLeadMutation, { input: { title, assigneeId: assigneeId() } });
      expect(failure(answer)).toMatchObject({ code: 'NOT_FOUND', field: 'input.assigneeId' });
      expect(await db.crm.lead.count({ where: { title } })).toBe(0);
    });

    it('updateLead with a foreign or made-up assignee is NOT_FOUND and changes nothing', async () => {
      const lead = await createLead(admin, { assigneeId: tenant.client.id });
      for (const assigneeId of [foreign.client.id, randomUUID()]) {
        const answer = await admin(updateLead, { id: lead.id, input: { title: 'Reassigned', assigneeId } });
        expect(failure(answer)).toMatchObject({ code: 'NOT_FOUND', field: 'input.assigneeId' });
      }
      const row = await db.crm.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(row).toMatchObject({ title: lead.title, assigneeId: tenant.client.id });
      expect(await auditActions(admin, lead.id)).toEqual(['lead.create']);
    });

    it('a SUPERADMIN’s lead in tenant A cannot be assigned to a user of tenant B', async () => {
      const superadmin = as(superToken);
      const title = `assignee-super-${randomUUID()}`;
      const input = { title, tenantId: tenant.tenant.id, assigneeId: foreign.admin.id };
      expect(failure(await superadmin(createLeadMutation, { input }))).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.assigneeId',
      });
      const own = ok(await superadmin(createLeadMutation, { input: { ...input, assigneeId: tenant.client.id } }));
      expect(own.createLead).toMatchObject({ title, assignee: { id: tenant.client.id } });
    });
  });

  it('a tenant without a default pipeline must name one', async () => {
    const { admin: lonely } = await freshTenant('crm-no-pipe');
    expect(failure(await lonely(createLeadMutation, { input: { title: 'x' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.pipelineId',
    });
  });

  it('moves an open lead within its pipeline; the probability follows the stage unless given', async () => {
    const lead = await createLead(admin);
    const moved = ok(await admin(moveLead, { id: lead.id, stageId: main.stages[2].id })).moveLeadToStage;
    expect(moved).toMatchObject({ stage: { id: main.stages[2].id }, probability: 70 });
    expect(
      ok(await admin(moveLead, { id: lead.id, stageId: main.stages[1].id, p: 45 })).moveLeadToStage.probability,
    ).toBe(45);
    expect(failure(await admin(moveLead, { id: lead.id, stageId: other.stages[0].id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'stageId',
    });
    expect(failure(await admin(moveLead, { id: lead.id, stageId: main.stages[0].id, p: 200 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'probability',
    });
    expect(failure(await admin(moveLead, { id: lead.id, stageId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditActions(admin, lead.id)).toEqual(['lead.create', 'lead.move', 'lead.move']);
  });

  it('wins, loses with a reason, and reopens leads; closed leads do not move', async () => {
    const lead = await createLead(admin);
    const won = ok(await admin(winLead, { id: lead.id })).winLead;
    expect(won).toMatchObject({ status: 'WON', probability: 100, lostReason: null });
    expect(Date.now() - new Date(won.closedAt).getTime()).toBeLessThan(60_000);
    expect(failure(await admin(winLead, { id: lead.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(failure(await admin(moveLead, { id: lead.id, stageId: main.stages[1].id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(failure(await admin(updateLead, { id: lead.id, input: { probability: 50 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.probability',
    });

    const reopened = ok(await admin(reopenLead, { id: lead.id })).reopenLead;
    expect(reopened).toMatchObject({ status: 'OPEN', probability: 10, closedAt: null });
    expect(failure(await admin(reopenLead, { id: lead.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(failure(await admin(loseLead, { id: lead.id, reason: '  ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const lost = ok(await admin(loseLead, { id: lead.id, reason: 'Budget cut' })).loseLead;
    expect(lost).toMatchObject({ status: 'LOST', probability: 0, lostReason: 'Budget cut' });
    expect(await auditActions(admin, lead.id)).toEqual(['lead.create', 'lead.win', 'lead.reopen', 'lead.lose']);
  });

  it('updates the fields given, clearing the optional ones with null', async () => {
    const customer = await createCustomer(admin);
    const lead = await createLead(admin, { customerId: customer.id, assigneeId: tenant.client.id, source: 'web' });
    const updated = ok(
      await admin(updateLead, {
        id: lead.id,
        input: { title: 'Renamed', value: '99.99', customerId: null, assigneeId: null, probability: 33 },
      }),
    ).updateLead;
    expect(updated).toMatchObject({
      title: 'Renamed',
      value: '99.99',
      customer: null,
      assignee: null,
      source: 'web',
      probability: 33,
    });
    expect(failure(await admin(updateLead, { id: lead.id, input: { title: null } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
  });

  it('lists leads filtered and sorted, bounded like every list', async () => {
    const { admin: own } = await freshTenant('crm-lead-list');
    const pipeline = await createPipeline(own);
    const customer = await createCustomer(own);
    const values = ['300', '100', '200'];
    for (const [i, value] of values.entries())
      await createLead(own, { title: `L${i}`, value, customerId: i === 0 ? customer.id : null });
    await createLead(own, { title: 'Late', stageId: pipeline.stages[1].id });
    expect(
      titles(
        ok(
          await own(leadsQuery, {
            orderBy: { field: 'VALUE', direction: 'DESC' },
            filter: { stageId: pipeline.stages[0].id },
          }),
        ),
      ),
    ).toEqual(['L0', 'L2', 'L1']);
    expect(titles(ok(await own(leadsQuery, { filter: { customerId: customer.id } })))).toEqual(['L0']);
    expect(
      titles(ok(await own(leadsQuery, { filter: { status: 'OPEN', pipelineId: pipeline.id }, first: 2 }))),
    ).toEqual(['L0', 'L1']);
    const page = ok(await own(leadsQuery, { orderBy: { field: 'VALUE', direction: 'ASC' }, first: 2 }));
    const rest = ok(
      await own(leadsQuery, {
        orderBy: { field: 'VALUE', direction: 'ASC' },
        first: 2,
        after: page.leads.pageInfo.endCursor,
      }),
    );
    expect([...titles(page), ...titles(rest)]).toEqual(['Late', 'L1', 'L2', 'L0']);
    expect(rest.leads.pageInfo.hasNextPage).toBe(false);
    expect(failure(await own(leadsQuery, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(failure(await own(leadsQuery, { after: page.leads.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(failure(await own(leadsQuery, { filter: { stageId: 'x' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.stageId',
    });
  });

  it('a CLIENT changes only leads it created (FORBIDDEN otherwise, rows unchanged)', async () => {
    const adminsLead = await createLead(admin);
    const own = await createLead(client);
    expect(ok(await client(moveLead, { id: own.id, stageId: main.stages[1].id })).moveLeadToStage.stage.id).toBe(
      main.stages[1].id,
    );
    for (const [mutation, variables] of [
      [updateLead, { id: adminsLead.id, input: { title: 'Mine now' } }],
      [moveLead, { id: adminsLead.id, stageId: main.stages[1].id }],
      [winLead, { id: adminsLead.id }],
      [loseLead, { id: adminsLead.id, reason: 'x' }],
      [deleteLead, { id: adminsLead.id }],
    ] as const) {
      expect(failure(await client(mutation, variables))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(ok(await client(leadQuery, { id: adminsLead.id })).lead).toEqual(adminsLead);
    expect(await auditActions(admin, adminsLead.id)).toEqual(['lead.create']);
    expect(ok(await client(deleteLead, { id: own.id })).deleteLead).toBe(true);
  });

  it('joins across subgraphs: a lead’s assignee is the Auth user; a user shows the leads assigned to them', async () => {
    const lead = await createLead(admin, { title: 'Assigned', assigneeId: tenant.client.id });
    const joined = ok(
      await admin(`query L($id: ID!) { lead(id: $id) { assignee { id email assignedLeads(first: 100) { id } } } }`, {
        id: lead.id,
      }),
    );
    expect(joined.lead.assignee).toMatchObject({ id: tenant.client.id, email: tenant.client.email });
    expect(joined.lead.assignee.assignedLeads.map((row: { id: string }) => row.id)).toContain(lead.id);
    const me = ok(await client(`{ me { id assignedLeads(first: 1) { id title } } }`));
    expect(me.me).toEqual({ id: tenant.client.id, assignedLeads: [{ id: lead.id, title: 'Assigned' }] });
    expect(failure(await client(`{ me { assignedLeads(first: 101) { id } } }`))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('a customer shows its leads newest first, bounded by first', async () => {
    const customer = await createCustomer(admin);
    const leads = [];
    for (const title of ['one', 'two', 'three'])
      leads.push(await createLead(admin, { title, customerId: customer.id }));
    const query = `query C($id: ID!, $n: Int) { customer(id: $id) { leads(first: $n) { title customer { id } } } }`;
    expect(
      ok(await admin(query, { id: customer.id, n: 2 })).customer.leads.map((lead: { title: string }) => lead.title),
    ).toEqual(['three', 'two']);
    expect(ok(await admin(query, { id: customer.id, n: 0 })).customer.leads).toEqual([]);
    expect(failure(await admin(query, { id: customer.id, n: -1 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });
});

describe('another tenant’s pipelines and leads (attacker’s side)', () => {
  it('ADMIN and CLIENT of tenant A get null and NOT_FOUND for tenant B’s pipeline, stages and lead; B’s rows stay unchanged', async () => {
    const [a, b] = await Promise.all([freshTenant('crm-pl-a'), freshTenant('crm-pl-b')]);
    const ownPipeline = await createPipeline(a.admin);
    const pipeline = await createPipeline(b.admin);
    const customer = await createCustomer(b.admin);
    const lead = await createLead(b.admin, { customerId: customer.id });
    const before = await Promise.all([
      db.crm.pipeline.findMany({ where: { tenantId: b.tenant.tenant.id }, orderBy: { id: 'asc' } }),
      db.crm.pipelineStage.findMany({ where: { tenantId: b.tenant.tenant.id }, orderBy: { id: 'asc' } }),
      db.crm.lead.findMany({ where: { tenantId: b.tenant.tenant.id }, orderBy: { id: 'asc' } }),
    ]);
    for (const attacker of [a.admin, a.client]) {
      expect(ok(await attacker(pipelineQuery, { id: pipeline.id })).pipeline).toBeNull();
      expect(
        ok(await attacker(`query S($id: ID!) { pipelineStage(id: $id) { id } }`, { id: pipeline.stages[0].id }))
          .pipelineStage,
      ).toBeNull();
      expect(ok(await attacker(leadQuery, { id: lead.id })).lead).toBeNull();
      expect(ok(await attacker(leadsQuery, { filter: { pipelineId: pipeline.id } })).leads.totalCount).toBe(0);
      const writes: [string, Record<string, unknown>][] = [
        [updateLead, { id: lead.id, input: { title: 'Pwned' } }],
        [moveLead, { id: lead.id, stageId: pipeline.stages[1].id }],
        [winLead, { id: lead.id }],
        [loseLead, { id: lead.id, reason: 'x' }],
        [reopenLead, { id: lead.id }],
        [deleteLead, { id: lead.id }],
        [createLeadMutation, { input: { title: 'x', pipelineId: pipeline.id } }],
        [createLeadMutation, { input: { title: 'x', customerId: customer.id } }],
        [createLeadMutation, { input: { title: 'x', tenantId: b.tenant.tenant.id } }],
      ];
      for (const [mutation, variables] of writes)
        expect(failure(await attacker(mutation, variables))).toMatchObject({ code: 'NOT_FOUND' });
    }
    const adminWrites: [string, Record<string, unknown>][] = [
      [setDefault, { id: pipeline.id }],
      [deletePipeline, { id: pipeline.id }],
      [addStage, { id: pipeline.id, input: { name: 'Evil' } }],
      [updateStage, { id: pipeline.stages[0].id, input: { name: 'Evil' } }],
      [reorder, { id: pipeline.id, ids: [...pipeline.stages].reverse().map((stage: { id: string }) => stage.id) }],
      [removeStage, { id: pipeline.stages[2].id }],
      [`mutation U($id: ID!) { updatePipeline(id: $id, input: { name: "Evil" }) { id } }`, { id: pipeline.id }],
      [moveLead, { id: (await createLead(a.admin)).id, stageId: pipeline.stages[1].id }],
    ];
    for (const [mutation, variables] of adminWrites)
      expect(failure(await a.admin(mutation, variables))).toMatchObject({ code: 'NOT_FOUND' });
    expect(ownPipeline.isDefault).toBe(true);
    const after = await Promise.all([
      db.crm.pipeline.findMany({ where: { tenantId: b.tenant.tenant.id }, orderBy: { id: 'asc' } }),
      db.crm.pipelineStage.findMany({ where: { tenantId: b.tenant.tenant.id }, orderBy: { id: 'asc' } }),
      db.crm.lead.findMany({ where: { tenantId: b.tenant.tenant.id }, orderBy: { id: 'asc' } }),
    ]);
    expect(after).toEqual(before);
  });
});
