import type { TimelineInteractionFragment } from '../generated/operations.ts';
import { EmptyState } from '../ui/States.tsx';
import { enumLabel, formatDate, formatDateTime } from '../ui/format.ts';
import { momentOf, timelineGroups } from './interaction-timeline.ts';

const typeIcon: Record<TimelineInteractionFragment['type'], string> = {
  EMAIL: '✉',
  CALL: '☎',
  MEETING: '👥',
  NOTE: '✎',
};

/** A customer's interactions: what is still to do, then day by day, newest first. */
export function InteractionTimeline({ interactions }: { interactions: readonly TimelineInteractionFragment[] }) {
  const groups = timelineGroups(interactions);
  if (groups.length === 0)
    return <EmptyState title="No interactions yet">Log a call, email, meeting or note.</EmptyState>;
  return (
    <ol aria-label="Interactions timeline" className="relative border-l-2 border-slate-200 pl-6">
      {groups.map((group) => (
        <li key={group.key} className="mb-6">
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {group.key === 'upcoming' ? 'Upcoming' : formatDate(`${group.key}T12:00:00Z`)}
          </h3>
          <ul className="space-y-2">
            {group.interactions.map((interaction) => (
              <li key={interaction.id} className="relative rounded-md border border-slate-200 bg-white p-3 shadow-sm">
                <span
                  aria-hidden="true"
                  className="absolute top-3 -left-[2.1rem] flex size-6 items-center justify-center rounded-full bg-indigo-100 text-xs"
                >
                  {typeIcon[interaction.type]}
                </span>
                <p className="text-sm font-medium text-slate-900">
                  {enumLabel(interaction.type)}
                  {interaction.subject ? `: ${interaction.subject}` : ''}
                </p>
                {interaction.body && (
                  <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{interaction.body}</p>
                )}
                <p className="mt-1 text-xs text-slate-600">
                  <time dateTime={momentOf(interaction)}>{formatDateTime(momentOf(interaction))}</time>
                  {!interaction.completedAt && interaction.scheduledAt ? ' · planned' : ''}
                </p>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
