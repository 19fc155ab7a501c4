import { chargePropertiesSchemas, percentageSql, Prisma, priceCharge } from '@codex/subgraph-billing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * `upcomingInvoice` prices PERCENTAGE charges in PostgreSQL (`percentageSql`); the pure
 * `priceCharge` stays the reference: both must give the hand-computed figures on the same events.
 */
const client = new pg.Client({ connectionString: inject('databaseUrls').billing });
beforeAll(() => client.connect());
afterAll(() => client.end());

interface Props {
  rate: string;
  fixedAmount: string;
  perEventMin: string | null;
  perEventMax: string | null;
}
/** An event: its value (null: the property was absent), minute and id (the tie-break). */
type Event = [value: number | null, minute: number, id: number];

const uuid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

async function sqlFigures(events: Event[], free: number, props: Props) {
  const rows = events.map(
    ([value, minute, id]) =>
      `(${value ?? 'NULL'}::numeric, NULL::text, timestamptz '2026-01-01' + interval '${minute} minutes', now(), '${uuid(id)}'::uuid)`,
  );
  const none = `(NULL::numeric, NULL::text, now(), now(), NULL::uuid)`;
  const where = rows.length === 0 ? 'false' : 'true';
  const source = `(VALUES ${rows.join(', ') || none}) AS t(value, unique_value, occurred_at, created_at, id) WHERE ${where}`;
  const { rows: answer } = await client.query<{ aggregate: string; percentage: Record<string, string> }>(
    percentageSql(source, 'SUM', ['$1', '$2', '$3', '$4', '$5']),
    [free, props.rate, props.fixedAmount, props.perEventMin, props.perEventMax],
  );
  const { events: count, paid_events, units, amount } = answer[0]?.percentage ?? {};
  return { aggregate: answer[0]?.aggregate, events: Number(count), paidEvents: Number(paid_events), units, amount };
}

function pureFigures(events: Event[], free: number, props: Props) {
  const ordered = [...events].sort((x, y) => x[1] - y[1] || x[2] - y[2]);
  const values = ordered.map(([value]) => new Prisma.Decimal(value ?? 0));
  const charge = { model: 'PERCENTAGE' as const, properties: chargePropertiesSchemas.PERCENTAGE.parse(props) };
  const aggregate = values.reduce((sum, value) => sum.plus(value), new Prisma.Decimal(0));
  const priced = priceCharge({ ...charge, freeUnits: new Prisma.Decimal(free) }, { aggregate, eventValues: values });
  const details = priced.details as { events: number; paidEvents: number };
  return {
    aggregate: aggregate.toFixed(),
    events: details.events,
    paidEvents: details.paidEvents,
    units: priced.units.toFixed(),
    amount: priced.amount.toFixed(),
  };
}

const bounded: Props = { rate: '2.5', fixedAmount: '0.30', perEventMin: '0.50', perEventMax: '5' };
const open = (rate: string, fixedAmount: string): Props => ({
  rate,
  fixedAmount,
  perEventMin: null,
  perEventMax: null,
});

/** Events written `value@minute#id` apart by spaces (`-` for an absent value). */
const parse = (text: string): Event[] =>
  text
    .split(' ')
    .filter(Boolean)
    .map((event) => {
      const [value, minute, id] = event.split(/[@#]/);
      return [value === '-' ? null : Number(value), Number(minute), Number(id)];
    });
const capped = (min: string | null, max: string | null, rate = '10', fixedAmount = '0.10'): Props => ({
  rate,
  fixedAmount,
  perEventMin: min,
  perEventMax: max,
});

/** [what, events, free units, properties, hand-computed paid events / units / amount]. */
const cases: [string, string, number, Props, string][] = [
  [
    '2.5 % + 0.30 within [0.50, 5] of 10, 100, 1,000: 0.55 + 2.80 + 5',
    '10@1#1 100@2#2 1000@3#3',
    0,
    bounded,
    '3 1110 8.35',
  ],
  [
    '50 free of 30, 40, 60 at 10 % + 0.30: 0 + (20: 2.30) + (60: 6.30)',
    '60@3#1 30@1#2 40@2#3',
    50,
    open('10', '0.30'),
    '2 80 8.6',
  ],
  [
    'a zero before any value is free, after one it pays the fee raised to 0.25',
    '0@1#1 5@2#2 0@2#3 -@4#4',
    0,
    capped('0.25', null),
    '3 5 1.1',
  ],
  ['same time, by id: 60 then 10 past 50 free at 10 % + 1 pay 2 + 2', '10@1#2 60@1#1', 50, open('10', '1'), '2 20 4'],
  ['same time, by id: 10 then 60: the second pays for 20: 3', '10@1#1 60@1#2', 50, open('10', '1'), '1 20 3'],
  ['values within the free units exactly: nothing paid', '10@1#1 0@2#2', 10, bounded, '0 0 0'],
  ['no events at all', '', 0, bounded, '0 0 0'],
  [
    'exact fractions: 0.0001, 0.0001, 1 at 33.3333 % capped at 0.0001',
    '0.0001@1#1 0.0001@2#2 1@3#3',
    0,
    capped(null, '0.0001', '33.3333', '0'),
    '3 1.0002 0.0001666666',
  ],
];

describe('PERCENTAGE priced in SQL equals the pure pricing', () => {
  it.each(cases)('%s', async (_what, written, free, props, expected) => {
    const events = parse(written);
    const pure = pureFigures(events, free, props);
    const sql = await sqlFigures(events, free, props);
    const [paidEvents, units, amount] = expected.split(' ');
    expect(pure).toMatchObject({ events: events.length, paidEvents: Number(paidEvents), units, amount });
    const exact = (figures: typeof pure) => ({
      ...figures,
      aggregate: new Prisma.Decimal(figures.aggregate ?? 'NaN').toFixed(),
      units: new Prisma.Decimal(figures.units ?? 'NaN').toFixed(),
      amount: new Prisma.Decimal(figures.amount ?? 'NaN').toFixed(),
    });
    expect(exact(sql as typeof pure)).toEqual(exact(pure));
  });
});
