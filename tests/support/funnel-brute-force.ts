/**
 * The insights' semantics computed the obvious way over the events a test ingested, to compare
 * with the server's SQL (README, "Analytics insights").
 */
export interface KnownEvent {
  id: string;
  name: string;
  at: number;
  userId?: string;
  sessionId?: string;
  country?: string;
}

const personOf = (event: KnownEvent) => event.userId ?? event.sessionId ?? null;
const byTimeThenId = (a: KnownEvent, b: KnownEvent) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function groupBy<K>(events: readonly KnownEvent[], key: (event: KnownEvent) => K | null): Map<K, KnownEvent[]> {
  const groups = new Map<K, KnownEvent[]>();
  for (const event of [...events].sort(byTimeThenId)) {
    const value = key(event);
    if (value !== null) groups.set(value, [...(groups.get(value) ?? []), event]);
  }
  return groups;
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
};

interface FunnelCase {
  steps: string[];
  from: number;
  to: number;
  windowMs: number;
}

/** Each person's step times (undefined from the first step not reached) and the step-1 event. */
function attempts(events: readonly KnownEvent[], funnel: FunnelCase) {
  const found: { start: KnownEvent; times: number[] }[] = [];
  for (const own of groupBy(events, personOf).values()) {
    const start = own.find((e) => e.name === funnel.steps[0] && e.at >= funnel.from && e.at < funnel.to);
    if (!start) continue;
    const times = [start.at];
    for (const step of funnel.steps.slice(1)) {
      const previous = times.at(-1)!;
      const next = own.find((e) => e.name === step && e.at > previous && e.at <= start.at + funnel.windowMs);
      if (!next) break;
      times.push(next.at);
    }
    found.push({ start, times });
  }
  return found;
}

function stepsOf(funnel: FunnelCase, found: { times: number[] }[]) {
  return funnel.steps.map((name, index) => {
    const entered = found.filter((attempt) => attempt.times.length > index).length;
    const last = index === funnel.steps.length - 1;
    const movedOn = found.filter((attempt) => attempt.times.length > index + 1);
    const converted = last ? null : movedOn.length;
    return {
      name,
      entered,
      converted,
      conversionRate: converted === null ? null : entered === 0 ? 0 : converted / entered,
      medianSecondsToConvert: last
        ? null
        : median(movedOn.map((attempt) => (attempt.times[index + 1]! - attempt.times[index]!) / 1000)),
    };
  });
}

/** The funnel, and with `byCountry` its breakdown by the step-1 event's country. */
export function bruteFunnel(events: readonly KnownEvent[], funnel: FunnelCase, byCountry = false) {
  const found = attempts(events, funnel);
  const values = [...new Set(found.map((attempt) => attempt.start.country ?? null))];
  const rows = values.map((value) => ({
    value,
    steps: stepsOf(
      funnel,
      found.filter((attempt) => (attempt.start.country ?? null) === value),
    ),
  }));
  rows.sort((a, b) => b.steps[0]!.entered - a.steps[0]!.entered || compareNullLast(a.value, b.value));
  return { steps: stepsOf(funnel, found), breakdown: byCountry ? rows : [] };
}

const compareNullLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

export function bruteRetention(
  events: readonly KnownEvent[],
  query: { startEvent: string; returnEvent: string; start: number; unitMs: number; periods: number },
) {
  const end = query.start + query.periods * query.unitMs;
  const inRange = events.filter((event) => event.at >= query.start && event.at < end);
  const periodOf = (event: KnownEvent) => Math.floor((event.at - query.start) / query.unitMs);
  const cohorts = Array.from({ length: query.periods }, (_, index) => ({
    periodStart: new Date(query.start + index * query.unitMs).toISOString(),
    size: 0,
    retained: new Array<number>(query.periods - index).fill(0),
  }));
  for (const own of groupBy(inRange, personOf).values()) {
    const first = own.find((event) => event.name === query.startEvent);
    if (!first) continue;
    const cohort = periodOf(first);
    cohorts[cohort]!.size += 1;
    cohorts[cohort]!.retained[0]! += 1;
    const offsets = new Set(
      own.filter((e) => e.name === query.returnEvent && periodOf(e) > cohort).map((e) => periodOf(e) - cohort),
    );
    for (const offset of offsets) cohorts[cohort]!.retained[offset]! += 1;
  }
  return cohorts;
}

export function brutePaths(
  events: readonly KnownEvent[],
  query: { startEvent: string; from: number; to: number; depth: number; first: number },
) {
  const counts = new Map<string, { events: string[]; count: number }>();
  const inRange = events.filter((event) => event.at >= query.from && event.at < query.to);
  for (const session of groupBy(inRange, (event) => event.sessionId ?? null).values()) {
    session.forEach((event, index) => {
      if (event.name !== query.startEvent) return;
      const next = session.slice(index + 1, index + 1 + query.depth).map((e) => e.name);
      if (next.length === 0) return;
      const key = JSON.stringify(next);
      counts.set(key, { events: next, count: (counts.get(key)?.count ?? 0) + 1 });
    });
  }
  const comparePaths = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      if (a[i] === b[i]) continue;
      if (a[i] === undefined) return -1;
      if (b[i] === undefined) return 1;
      return a[i]! < b[i]! ? -1 : 1;
    }
    return 0;
  };
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || comparePaths(a.events, b.events))
    .slice(0, query.first);
}
