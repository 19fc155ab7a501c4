import { badInput, existingId, notFound, parseInput, recordAudit, recordRowChange, withScope } from '@codex/kit';
import type { CrmRequest, CrmTx } from './request.ts';
import type { Lead, Prisma } from './db.ts';
import { leadRecord, type LeadRecord } from './lead-records.ts';
import { lostReasonSchema } from './lead-rules.ts';
import { changeableLead } from './leads.ts';
import { probabilitySchema } from './validation.ts';

/**
 * A lead's way through its pipeline: stage moves while open, then won or lost (closed, with a
 * fixed probability), and reopened. Each change is one transaction with its audit row.
 */
type LeadChange = (lead: Lead, tx: CrmTx) => Promise<Prisma.LeadUncheckedUpdateInput>;

/** Each audit action's domain event. */
const leadEvents = {
  'lead.move': 'lead.stage_changed',
  'lead.win': 'lead.won',
  'lead.lose': 'lead.lost',
  'lead.reopen': 'lead.reopened',
} as const;

function changeLead(
  request: CrmRequest,
  id: string,
  action: keyof typeof leadEvents,
  change: LeadChange,
): Promise<LeadRecord> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const lead = await changeableLead(request, tx, id);
    const data = await change(lead, tx);
    const updated = await tx.lead.update({ where: { id: lead.id }, data });
    await recordAudit(tx, request, {
      tenantId: lead.tenantId,
      action,
      entityType: 'Lead',
      entityId: lead.id,
      changes: { from: { status: lead.status, stageId: lead.stageId, probability: lead.probability }, to: data },
    });
    await recordRowChange(tx, request, leadEvents[action], lead, updated, {
      extra: { previousStageId: lead.stageId, previousStatus: lead.status },
    });
    return leadRecord(updated);
  });
}

function assertOpen(lead: Lead): void {
  if (lead.status !== 'OPEN') throw badInput(`The lead is ${lead.status.toLowerCase()}: reopen it first`, 'id');
}

/** The stage must be in the lead's pipeline; the probability follows the stage unless given. */
export function moveLeadToStage(
  request: CrmRequest,
  id: string,
  stageId: string,
  probability: number | null | undefined,
): Promise<LeadRecord> {
  const given = parseInput(probabilitySchema.nullish(), probability, 'probability');
  return changeLead(request, id, 'lead.move', async (lead, tx) => {
    assertOpen(lead);
    const stage = await tx.pipelineStage.findFirst({ where: { id: existingId(stageId, 'Pipeline stage') } });
    if (!stage || stage.tenantId !== lead.tenantId) throw notFound('Pipeline stage');
    if (stage.pipelineId !== lead.pipelineId) throw badInput("The stage is not in the lead's pipeline", 'stageId');
    return { stageId: stage.id, probability: given ?? stage.probability };
  });
}

export const winLead = (request: CrmRequest, id: string) =>
  changeLead(request, id, 'lead.win', async (lead) => {
    assertOpen(lead);
    return { status: 'WON', probability: 100, closedAt: new Date(), lostReason: null };
  });

export function loseLead(request: CrmRequest, id: string, reason: string): Promise<LeadRecord> {
  const lostReason = parseInput(lostReasonSchema, reason, 'reason');
  return changeLead(request, id, 'lead.lose', async (lead) => {
    assertOpen(lead);
    return { status: 'LOST', probability: 0, closedAt: new Date(), lostReason };
  });
}

/** Open again, at its stage's probability. */
export const reopenLead = (request: CrmRequest, id: string) =>
  changeLead(request, id, 'lead.reopen', async (lead, tx) => {
    if (lead.status === 'OPEN') throw badInput('The lead is open already', 'id');
    const stage = await tx.pipelineStage.findFirst({ where: { id: lead.stageId }, select: { probability: true } });
    return { status: 'OPEN', probability: stage?.probability ?? 0, closedAt: null, lostReason: null };
  });
