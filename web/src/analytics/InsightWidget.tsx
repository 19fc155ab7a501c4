import { formatCount, formatDay } from '../ui/format.ts';
import { formatRate, type WidgetResult } from './widget-result.ts';

const frame = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';

/** A funnel, retention triangle or paths widget: small tables, readable without a chart. */
export function InsightWidget({
  title,
  result,
}: {
  title: string;
  result: Exclude<WidgetResult, { kind: 'series' | 'trend' }>;
}) {
  return (
    <figure className={frame}>
      <figcaption className="mb-2 text-sm font-medium text-slate-800">{title}</figcaption>
      {result.kind === 'funnel' && (
        <ol aria-label={title} className="space-y-1 text-sm">
          {result.steps.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step's position is its identity (names may repeat)
            <li key={index} className="flex justify-between gap-2">
              <span>{step.name}</span>
              <span className="tabular-nums text-slate-700">
                {formatCount(step.entered)} · {formatRate(step.conversionRate)} on
              </span>
            </li>
          ))}
        </ol>
      )}
      {result.kind === 'retention' && (
        <table aria-label={title} className="text-xs tabular-nums">
          <tbody>
            {result.cohorts.map((cohort) => (
              <tr key={cohort.periodStart}>
                <th scope="row" className="pr-2 text-left font-normal text-slate-700">
                  {formatDay(cohort.periodStart)} ({formatCount(cohort.size)})
                </th>
                {cohort.retained.map((count, offset) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: offsets are the triangle's columns
                  <td key={offset} className="px-1 text-right">
                    {formatCount(count)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.kind === 'paths' && (
        <ol aria-label={title} className="space-y-1 text-sm">
          {result.paths.map((path) => (
            <li key={path.events.join('→')} className="flex justify-between gap-2">
              <span>{path.events.join(' → ')}</span>
              <span className="tabular-nums text-slate-700">{formatCount(path.count)}</span>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
