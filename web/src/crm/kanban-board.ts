/** The kanban board's pure logic: leads grouped into their stage's column, and where a move goes. */

export interface BoardStage {
  id: string;
  name: string;
  position: number;
}

export interface BoardLead {
  id: string;
  stage: { id: string };
}

export interface BoardColumn<L extends BoardLead> {
  stage: BoardStage;
  leads: L[];
}

/** One column per stage in position order, each with its leads in the order given. */
export function boardColumns<L extends BoardLead>(
  stages: readonly BoardStage[],
  leads: readonly L[],
): BoardColumn<L>[] {
  const columns = [...stages].sort((a, b) => a.position - b.position).map((stage) => ({ stage, leads: [] as L[] }));
  const byStage = new Map(columns.map((column) => [column.stage.id, column]));
  for (const lead of leads) byStage.get(lead.stage.id)?.leads.push(lead);
  return columns;
}

/** The stage a lead is dropped on, or null when the drop changes nothing (no target, same stage, unknown lead). */
export function stageOfDrop(
  leads: readonly BoardLead[],
  leadId: string,
  targetStageId: string | null | undefined,
): string | null {
  const lead = leads.find((candidate) => candidate.id === leadId);
  if (!lead || !targetStageId || lead.stage.id === targetStageId) return null;
  return targetStageId;
}

/** The neighbouring stage for the keyboard's "move left/right" (null at either end). */
export function adjacentStage(stages: readonly BoardStage[], stageId: string, step: -1 | 1): string | null {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((stage) => stage.id === stageId);
  if (index === -1) return null;
  return ordered[index + step]?.id ?? null;
}

/** The leads as they look once `leadId` moved to `stageId`: the moved lead first in its new column. */
export function withLeadMoved<L extends BoardLead>(leads: readonly L[], leadId: string, stageId: string): L[] {
  const moved = leads.find((lead) => lead.id === leadId);
  if (!moved) return [...leads];
  return [{ ...moved, stage: { ...moved.stage, id: stageId } }, ...leads.filter((lead) => lead.id !== leadId)];
}

/** The open leads once `leadId` is won or lost: it leaves the board. */
export const withLeadClosed = <L extends BoardLead>(leads: readonly L[], leadId: string): L[] =>
  leads.filter((lead) => lead.id !== leadId);

interface ValuedLead {
  value: string;
  currency: string;
}

/** A column's value per currency, sorted by code; decimals are summed in cents to stay exact enough for a header. */
export function columnValue(leads: readonly ValuedLead[]): { currency: string; amount: number }[] {
  const totals = new Map<string, number>();
  for (const lead of leads) {
    const cents = Math.round(Number.parseFloat(lead.value) * 100);
    totals.set(lead.currency, (totals.get(lead.currency) ?? 0) + (Number.isFinite(cents) ? cents : 0));
  }
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, cents]) => ({ currency, amount: cents / 100 }));
}

/**
 * Announces the stage a picked-up card is over only when it changes. dnd-kit reports the card's
 * own column right after the pick-up, which would replace "Picked up …" and its instructions in
 * the live region before a screen reader (or a test) reads them.
 */
export function createStageAnnouncer() {
  let last: string | null = null;
  return {
    pickedUp: (stageId: string) => {
      last = stageId;
    },
    /** Whether the card being over `stageId` is news. */
    isNews: (stageId: string | null) => {
      if (stageId === last) return false;
      last = stageId;
      return true;
    },
  };
}
