/** A customer's interactions as a timeline: what is still to do first, then the past by day, newest first. */

export interface TimelineInteraction {
  id: string;
  scheduledAt?: string | null;
  completedAt?: string | null;
  createdAt: string;
}

export interface TimelineGroup<I extends TimelineInteraction> {
  /** `upcoming`, or the UTC day `YYYY-MM-DD`. */
  key: string;
  interactions: I[];
}

/** When an interaction happened (or will). */
export const momentOf = (interaction: TimelineInteraction) =>
  interaction.completedAt ?? interaction.scheduledAt ?? interaction.createdAt;

const isUpcoming = (interaction: TimelineInteraction) => !interaction.completedAt && Boolean(interaction.scheduledAt);

export function timelineGroups<I extends TimelineInteraction>(interactions: readonly I[]): TimelineGroup<I>[] {
  const upcoming = interactions.filter(isUpcoming).sort((a, b) => momentOf(a).localeCompare(momentOf(b)));
  const past = interactions.filter((interaction) => !isUpcoming(interaction));
  past.sort((a, b) => momentOf(b).localeCompare(momentOf(a)));
  const groups: TimelineGroup<I>[] = upcoming.length > 0 ? [{ key: 'upcoming', interactions: upcoming }] : [];
  for (const interaction of past) {
    const day = momentOf(interaction).slice(0, 10);
    const last = groups.at(-1);
    if (last?.key === day) last.interactions.push(interaction);
    else groups.push({ key: day, interactions: [interaction] });
  }
  return groups;
}
