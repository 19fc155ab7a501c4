import { Prisma } from './db.ts';
import type { ChargeProperties, PricedCharge, Tier } from './charge-properties.ts';

const { Decimal } = Prisma;
type Decimal = Prisma.Decimal;

/** A charge's price for one window, before rounding (the invoice line rounds once, via `roundMoney`). */
export interface ChargeResult {
  /** The units billed after free units (PERCENTAGE: the summed value billed). */
  units: Decimal;
  amount: Decimal;
  /** How the amount was reached, stored as the line's `details` (decimal strings). */
  details: Record<string, unknown>;
}

/**
 * A PERCENTAGE charge's window already priced per event by PostgreSQL (`percentageSql` in
 * usage-aggregation.ts, the same rules as `percentage` below): what its result needs, not the events.
 */
export interface PercentageFigures {
  events: number;
  paidEvents: number;
  /** The summed value billed (past the free units). */
  units: Decimal;
  /** The summed per-event fees, exact. */
  amount: Decimal;
}

/**
 * What a window of usage gives a charge: the metric's aggregate, and for PERCENTAGE either each
 * event's value in order (priced here) or the figures PostgreSQL priced them to.
 */
export interface WindowUsage {
  aggregate: Decimal;
  eventValues?: Decimal[];
  percentage?: PercentageFigures;
}

const zero = new Decimal(0);
const min = (a: Decimal, b: Decimal) => (a.lessThan(b) ? a : b);
const max = (a: Decimal, b: Decimal) => (a.greaterThan(b) ? a : b);
const text = (value: Decimal) => value.toFixed();

/** Free units come off the aggregate first; the model prices what is left. */
function billable(aggregate: Decimal, freeUnits: Decimal) {
  return max(aggregate.minus(freeUnits), zero);
}

function standard(units: Decimal, props: ChargeProperties['STANDARD']): ChargeResult {
  return { units, amount: units.times(props.unitAmount), details: { unitAmount: props.unitAmount } };
}

const tierEnd = (tier: Tier) => (tier.toValue === null ? null : new Decimal(tier.toValue));

/** Each tier prices the units inside it, (fromValue, toValue]; a tier's flat fee applies once any unit reaches it. */
function graduated(units: Decimal, props: ChargeProperties['GRADUATED']): ChargeResult {
  const tiers = props.tiers.map((tier) => {
    const from = new Decimal(tier.fromValue);
    const end = tierEnd(tier);
    const inTier = max(min(units, end ?? units).minus(from), zero);
    const amount = inTier.isZero() ? zero : inTier.times(tier.perUnitAmount).plus(tier.flatAmount);
    return { ...tier, units: inTier, amount };
  });
  const amount = tiers.reduce((sum, tier) => sum.plus(tier.amount), zero);
  const details = tiers.map((tier) => ({ ...tier, units: text(tier.units), amount: text(tier.amount) }));
  return { units, amount, details: { tiers: details } };
}

/** The one tier holding the total prices every unit (its flat fee once); no units, nothing. */
function volume(units: Decimal, props: ChargeProperties['VOLUME']): ChargeResult {
  const index = props.tiers.findIndex((tier) => {
    const end = tierEnd(tier);
    return end === null || units.lessThanOrEqualTo(end);
  });
  const tier = props.tiers[index] ?? props.tiers[props.tiers.length - 1];
  if (!tier || units.isZero()) return { units, amount: zero, details: { tier: null } };
  const amount = units.times(tier.perUnitAmount).plus(tier.flatAmount);
  return { units, amount, details: { tier: { index, ...tier } } };
}

/** Started blocks of `packageSize` units, each at `amount`. */
function packaged(units: Decimal, props: ChargeProperties['PACKAGE']): ChargeResult {
  const packages = units.dividedBy(props.packageSize).ceil();
  return {
    units,
    amount: packages.times(props.amount),
    details: { packageSize: props.packageSize, packages: text(packages), amount: props.amount },
  };
}

/**
 * Per event, in order: the part of its value past the free units, times the rate, plus the fixed
 * fee, held within [perEventMin, perEventMax]. Events wholly inside the free units cost nothing.
 */
function percentage(events: Decimal[], freeUnits: Decimal, props: ChargeProperties['PERCENTAGE']): ChargeResult {
  const rate = new Decimal(props.rate).dividedBy(100);
  let seen = zero;
  let units = zero;
  let amount = zero;
  let paidEvents = 0;
  for (const value of events) {
    const chargeable = max(seen.plus(value).minus(max(seen, freeUnits)), zero);
    seen = seen.plus(value);
    if (chargeable.isZero() && seen.lessThanOrEqualTo(freeUnits)) continue;
    let fee = chargeable.times(rate).plus(props.fixedAmount);
    if (props.perEventMin !== null) fee = max(fee, new Decimal(props.perEventMin));
    if (props.perEventMax !== null) fee = min(fee, new Decimal(props.perEventMax));
    units = units.plus(chargeable);
    amount = amount.plus(fee);
    paidEvents += 1;
  }
  return percentageResult({ events: events.length, paidEvents, units, amount }, props);
}

function percentageResult(figures: PercentageFigures, props: ChargeProperties['PERCENTAGE']): ChargeResult {
  const { events, paidEvents, units, amount } = figures;
  return { units, amount, details: { ...props, events, paidEvents, value: text(units) } };
}

/** Prices one window of usage for one charge (exact; the line rounds). */
export function priceCharge(charge: PricedCharge, usage: WindowUsage): ChargeResult {
  const free = { freeUnits: text(charge.freeUnits), aggregate: text(usage.aggregate) };
  const result = priceModel(charge, usage);
  return { ...result, details: { model: charge.model, ...free, ...result.details } };
}

function priceModel(charge: PricedCharge, usage: WindowUsage): ChargeResult {
  const units = billable(usage.aggregate, charge.freeUnits);
  switch (charge.model) {
    case 'STANDARD':
      return standard(units, charge.properties);
    case 'GRADUATED':
      return graduated(units, charge.properties);
    case 'VOLUME':
      return volume(units, charge.properties);
    case 'PACKAGE':
      return packaged(units, charge.properties);
    case 'PERCENTAGE':
      return usage.percentage && !usage.eventValues
        ? percentageResult(usage.percentage, charge.properties)
        : percentage(usage.eventValues ?? [], charge.freeUnits, charge.properties);
  }
}
