import {
  auditRow,
  recordRowChange,
  recordRowEvent,
  badInput,
  existingId,
  findChangeable,
  notFound,
  parseInput,
  requireIdentity,
  targetTenantId,
  tenantList,
  withScope,
} from '@codex/kit';
import type { CreateLeadInput, UpdateLeadInput } from './generated/graphql.ts';
import { givenFields, type CrmRequest, type CrmTx, type UserCheckingRequest } from './request.ts';
import { confirmAssignee } from './tenant-users.ts';
import type { Lead } from './db.ts';
import { createLeadInput, customerInTenant, leadListQuery, startingStage, updateLeadInput } from './lead-rules.ts';
import { leadRecord, listableLeads, type LeadRecord } from './lead-records.ts';

export const listLeads = tenantList(listableLeads, leadListQuery);

/** The lead `id` in scope that the caller may change, else NOT_FOUND (or FORBIDDEN for a CLIENT's colleague's lead). */
export const changeableLead = (request: CrmRequest, tx: CrmTx, id: string): Promise<Lead> =>
  findChangeable(request.identity, tx.lead, id, 'Lead', (lead) => [lead.createdById]);

export async function createLead(request: UserCheckingRequest, input: CreateLeadInput): Promise<LeadRecord> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createLeadInput, input, 'input');
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  // Asked before the transaction: no database transaction waits on another service.
  await confirmAssignee(request.tenantUsers, tenantId, data.assigneeId);
  return withScope(request.db, request.dataScope, async (tx) => {
    const stage = await startingStage(tx, tenantId, data.pipelineId, data.stageId);
    const customer = data.customerId ? await customerInTenant(tx, tenantId, data.customerId, 'input.customerId') : null;
    const row = {
      title: data.title,
      value: data.value ?? '0',
      currency: data.currency ?? 'USD',
      pipelineId: stage.pipelineId,
      stageId: stage.id,
      probability: data.probability ?? stage.probability,
      expectedCloseDate: data.expectedCloseDate ?? null,
      assigneeId: data.assigneeId ?? null,
      customerId: customer?.id ?? null,
      source: data.source ?? null,
      createdById: identity.subjectId,
    };
    const lead = await tx.lead.create({ data: { tenantId, ...row } });
    await auditRow(tx, request, 'lead.create', 'Lead', lead, row);
    await recordRowEvent(tx, request, 'lead.created', lead);
    return leadRecord(lead);
  });
}

/** Changes the given fields; a closed lead keeps its probability (100 won, 0 lost). */
export async function updateLead(
  request: UserCheckingRequest,
  id: string,
  input: UpdateLeadInput,
): Promise<LeadRecord> {
  const data = givenFields(parseInput(updateLeadInput, input, 'input'));
  // The lead's tenant decides whose users may be assigned: read it, ask Auth, then write.
  if (data.assigneeId) {
    const lead = await request.db.lead.findFirst({ where: { id: existingId(id, 'Lead') }, select: { tenantId: true } });
    if (!lead) throw notFound('Lead');
    await confirmAssignee(request.tenantUsers, lead.tenantId, data.assigneeId);
  }
  return withScope(request.db, request.dataScope, async (tx) => {
    const lead = await changeableLead(request, tx, id);
    if (data.probability !== undefined && lead.status !== 'OPEN')
      throw badInput('A closed lead keeps its probability: reopen it first', 'input.probability');
    if (data.customerId)
      data.customerId = (await customerInTenant(tx, lead.tenantId, data.customerId, 'input.customerId')).id;
    const updated = await tx.lead.update({ where: { id: lead.id }, data });
    await auditRow(tx, request, 'lead.update', 'Lead', lead, data);
    await recordRowChange(tx, request, 'lead.updated', lead, updated);
    return leadRecord(updated);
  });
}

/** Its interactions go with it (foreign key cascade). */
export function deleteLead(request: CrmRequest, id: string): Promise<boolean> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const lead = await changeableLead(request, tx, id);
    await tx.lead.delete({ where: { id: lead.id } });
    await auditRow(tx, request, 'lead.delete', 'Lead', lead, { title: lead.title });
    await recordRowEvent(tx, request, 'lead.deleted', lead);
    return true;
  });
}
