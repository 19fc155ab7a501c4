/**
 * Insights computed the slow, obvious way over the events a test ingested, to compare with what
 * the API answers (README, "Analytics insights", states the semantics this follows).
 */
export interface KnownEvent {
  name: string;
  occurredAt: string;
  userId?: string;
  sessionId?: string;
  pageUrl?: string;
  referrer?: string;
  browser?: string;
  country?: string;
  data?: Record<string, unknown>;
}

export interface Filter {
  property: string;
  operator: 'EQ' | 'NEQ' | 'CONTAINS' | 'IN' | 'GT' | 'LT' | 'IS_SET' | 'IS_NOT_SET';
  value?: string;
  values?: string[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
type Interval = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export function periodStart(time: number, interval: Interval): number {
  if (interval === 'HOUR') return Math.floor(time / hourMs) * hourMs;
  const day = Math.floor(time / dayMs) * dayMs;
  if (interval === 'DAY') return day;
  if (interval === 'WEEK') return day - ((new Date(day).getUTCDay() + 6) % 7) * dayMs;
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Every period start from `from`'s period to the last one starting before `to`. */
export function periodStarts(from: number, to: number, interval: Interval): number[] {
  const starts: number[] = [];
  for (let start = periodStart(from, interval); start < to; ) {
    starts.push(start);
    const date = new Date(start);
    start =
      interval === 'MONTH'
        ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
        : start + { HOUR: hourMs, DAY: dayMs, WEEK: 7 * dayMs }[interval];
  }
  return starts;
}

/** A property's value as the API reads it: JSON text for `data.*`, undefined when absent or null. */
export function propertyValue(event: KnownEvent, property: string): { text?: string; number?: number } {
  if (property.startsWith('data.')) {
    let value: unknown = event.data;
    for (const key of property.slice(5).split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === null) return {};
    if (typeof value === 'number') return { text: String(value), number: value };
    return { text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
  const text = (event as unknown as Record<string, string | undefined>)[property];
  return text === undefined ? {} : { text };
}

export function matches(event: KnownEvent, filter: Filter): boolean {
  const { text, number } = propertyValue(event, filter.property);
  const isData = filter.property.startsWith('data.');
  switch (filter.operator) {
    case 'EQ':
      return text === filter.value;
    case 'NEQ':
      return text !== filter.value;
    case 'CONTAINS':
      return text?.toLowerCase().includes(filter.value!.toLowerCase()) === true;
    case 'IN':
      return text !== undefined && filter.values!.includes(text);
    case 'GT':
      return isData
        ? number !== undefined && number > Number(filter.value)
        : text !== undefined && text > filter.value!;
    case 'LT':
      return isData
        ? number !== undefined && number < Number(filter.value)
        : text !== undefined && text < filter.value!;
    case 'IS_SET':
      return text !== undefined;
    case 'IS_NOT_SET':
      return text === undefined;
  }
}

export const personOf = (event: KnownEvent) => event.userId ?? event.sessionId;

export interface TrendAsked {
  event?: string;
  filters?: Filter[];
  measure?: 'COUNT' | 'UNIQUE_USERS' | 'SUM' | 'AVG' | 'MIN' | 'MAX';
  property?: string;
  interval: Interval;
  from: string;
  to: string;
  breakdown?: string;
  breakdownLimit?: number;
}

export interface SeriesValues {
  breakdownValue: string | null;
  isOther: boolean;
  values: number[];
}

function aggregate(events: KnownEvent[], asked: TrendAsked): number {
  const measure = asked.measure ?? 'COUNT';
  if (measure === 'COUNT') return events.length;
  if (measure === 'UNIQUE_USERS') return new Set(events.map(personOf).filter(Boolean)).size;
  const numbers = events.map((event) => propertyValue(event, asked.property!).number!);
  if (numbers.length === 0) return 0;
  const sum = numbers.reduce((a, b) => a + b, 0);
  return { SUM: sum, AVG: sum / numbers.length, MIN: Math.min(...numbers), MAX: Math.max(...numbers) }[measure];
}

/** The trend of `events` as the API defines it: whole periods, top values by events, then "other". */
export function bruteTrend(events: KnownEvent[], asked: TrendAsked): SeriesValues[] {
  const starts = periodStarts(Date.parse(asked.from), Date.parse(asked.to), asked.interval);
  const end = nextStart(starts, asked);
  const numeric = !['COUNT', 'UNIQUE_USERS', undefined].includes(asked.measure);
  const selected = events.filter((event) => {
    const time = Date.parse(event.occurredAt);
    if (time < starts[0]! || time >= end) return false;
    if (asked.event && event.name !== asked.event) return false;
    if (numeric && propertyValue(event, asked.property!).number === undefined) return false;
    return (asked.filters ?? []).every((filter) => matches(event, filter));
  });
  const breakdownOf = (event: KnownEvent) =>
    asked.breakdown ? (propertyValue(event, asked.breakdown).text ?? null) : null;
  const counts = new Map<string | null, number>();
  for (const event of selected) counts.set(breakdownOf(event), (counts.get(breakdownOf(event)) ?? 0) + 1);
  const ranked = [...counts.entries()]
    .sort(([va, a], [vb, b]) => b - a || (va === null ? 1 : vb === null ? -1 : va < vb ? -1 : 1))
    .slice(0, asked.breakdown ? (asked.breakdownLimit ?? 10) : 1)
    .map(([value]) => value);
  const seriesOf = (inSeries: (event: KnownEvent) => boolean) =>
    starts.map((start) =>
      aggregate(
        selected.filter(
          (event) => inSeries(event) && periodStart(Date.parse(event.occurredAt), asked.interval) === start,
        ),
        asked,
      ),
    );
  const series: SeriesValues[] = ranked.map((value) => ({
    breakdownValue: value,
    isOther: false,
    values: seriesOf((event) => breakdownOf(event) === value),
  }));
  if (asked.breakdown && counts.size > ranked.length)
    series.push({
      breakdownValue: null,
      isOther: true,
      values: seriesOf((event) => !ranked.includes(breakdownOf(event))),
    });
  if (!asked.breakdown && series.length === 0)
    series.push({ breakdownValue: null, isOther: false, values: seriesOf(() => true) });
  return series;
}

function nextStart(starts: number[], asked: TrendAsked): number {
  const last = starts.at(-1)!;
  return periodStarts(last, last + 40 * dayMs, asked.interval)[1]!;
}

/** DAU, WAU and MAU per UTC day of [from, to) over `events` (already filtered). */
export function bruteActiveUsers(events: KnownEvent[], from: string, to: string) {
  return periodStarts(Date.parse(from), Date.parse(to), 'DAY').map((day) => {
    const within = (days: number) =>
      new Set(
        events
          .filter((event) => {
            const eventDay = periodStart(Date.parse(event.occurredAt), 'DAY');
            return eventDay <= day && eventDay > day - days * dayMs;
          })
          .map(personOf)
          .filter(Boolean),
      ).size;
    const [dau, wau, mau] = [within(1), within(7), within(30)];
    return {
      day: new Date(day).toISOString(),
      dau,
      wau,
      mau,
      stickiness: mau ? Math.round((dau / mau) * 1e4) / 1e4 : 0,
    };
  });
}
