import {
  actingUserId,
  auditRow,
  badInput,
  findChangeable,
  parseInput,
  requireIdentity,
  targetTenantId,
  tenantList,
  withScope,
  type Identity,
} from '@codex/kit';
import { givenFields, type CrmRequest, type CrmTx } from './request.ts';
import type { Interaction, InteractionType } from './db.ts';
import type { LogInteractionInput, ScheduleInteractionInput, UpdateInteractionInput } from './generated/graphql.ts';
import {
  interactionListQuery,
  interactionSubjects,
  logInteractionInput,
  scheduleInteractionInput,
  updateInteractionInput,
} from './interaction-rules.ts';

export const listInteractions = tenantList((db: CrmRequest['db']) => db.interaction, interactionListQuery);

interface NewInteraction {
  type: InteractionType;
  subject?: string | null;
  body?: string | null;
  customerId?: string | null;
  leadId?: string | null;
  userId?: string | null;
  tenantId?: string | null;
  scheduledAt?: Date | null;
  completedAt?: Date | null;
}

/** A user caller is the interaction's user; API keys and machine clients may name one. */
const userOf = (identity: Identity, named: string | null | undefined) => actingUserId(identity) ?? named ?? null;

async function recordInteraction(request: CrmRequest, data: NewInteraction, action: string): Promise<Interaction> {
  const identity = requireIdentity(request.identity);
  const tenantId = targetTenantId(identity, data.tenantId, 'input.tenantId');
  return withScope(request.db, request.dataScope, async (tx) => {
    const subjects = await interactionSubjects(tx, tenantId, data.customerId, data.leadId);
    const row = {
      type: data.type,
      subject: data.subject ?? null,
      body: data.body ?? null,
      scheduledAt: data.scheduledAt ?? null,
      completedAt: data.completedAt ?? null,
      userId: userOf(identity, data.userId),
      createdById: identity.subjectId,
      ...subjects,
    };
    const interaction = await tx.interaction.create({ data: { tenantId, ...row } });
    await auditRow(tx, request, action, 'Interaction', interaction, { ...row, body: undefined });
    return interaction;
  });
}

/** Something that happened: done at `completedAt` (default now). */
export function logInteraction(request: CrmRequest, input: LogInteractionInput): Promise<Interaction> {
  const data = parseInput(logInteractionInput, input, 'input');
  return recordInteraction(request, { ...data, completedAt: data.completedAt ?? new Date() }, 'interaction.log');
}

/** Something planned, in the future, not done yet. */
export function scheduleInteraction(request: CrmRequest, input: ScheduleInteractionInput): Promise<Interaction> {
  return recordInteraction(request, parseInput(scheduleInteractionInput, input, 'input'), 'interaction.schedule');
}

/** The interaction `id` in scope that the caller may change (a CLIENT: one it had or recorded). */
const changeableInteraction = (request: CrmRequest, tx: CrmTx, id: string): Promise<Interaction> =>
  findChangeable(request.identity, tx.interaction, id, 'Interaction', (row) => [row.userId, row.createdById]);

export function updateInteraction(
  request: CrmRequest,
  id: string,
  input: UpdateInteractionInput,
): Promise<Interaction> {
  const data = givenFields(parseInput(updateInteractionInput, input, 'input'));
  return withScope(request.db, request.dataScope, async (tx) => {
    const interaction = await changeableInteraction(request, tx, id);
    if (data.scheduledAt && interaction.completedAt)
      throw badInput('The interaction is done: it cannot be rescheduled', 'input.scheduledAt');
    const updated = await tx.interaction.update({ where: { id: interaction.id }, data });
    await auditRow(tx, request, 'interaction.update', 'Interaction', interaction, {
      ...data,
      body: data.body === undefined ? undefined : '(changed)',
    });
    return updated;
  });
}

export function completeInteraction(request: CrmRequest, id: string): Promise<Interaction> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const interaction = await changeableInteraction(request, tx, id);
    if (interaction.completedAt) throw badInput('The interaction is done already', 'id');
    const completedAt = new Date();
    const updated = await tx.interaction.update({ where: { id: interaction.id }, data: { completedAt } });
    await auditRow(tx, request, 'interaction.complete', 'Interaction', interaction, { completedAt });
    return updated;
  });
}

export function deleteInteraction(request: CrmRequest, id: string): Promise<boolean> {
  return withScope(request.db, request.dataScope, async (tx) => {
    const interaction = await changeableInteraction(request, tx, id);
    await tx.interaction.delete({ where: { id: interaction.id } });
    await auditRow(tx, request, 'interaction.delete', 'Interaction', interaction, {
      type: interaction.type,
      subject: interaction.subject,
    });
    return true;
  });
}
