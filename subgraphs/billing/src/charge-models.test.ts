import { describe, expect, it } from 'vitest';
import { priceCharge } from './charge-models.ts';
import { chargePropertiesSchemas, type PricedCharge } from './charge-properties.ts';
import { Prisma } from './db.ts';
import { minorUnits, roundMoney } from './money.ts';

const d = (value: string | number) => new Prisma.Decimal(value);
const charge = (model: PricedCharge['model'], properties: unknown, freeUnits = 0) =>
  ({ model, properties: chargePropertiesSchemas[model].parse(properties), freeUnits: d(freeUnits) }) as PricedCharge;
const amountOf = (priced: PricedCharge, aggregate: number, eventValues?: number[]) =>
  priceCharge(priced, { aggregate: d(aggregate), eventValues: eventValues?.map(d) }).amount.toFixed();

const tiers = {
  tiers: [
    { fromValue: 0, toValue: 100, perUnitAmount: '0' },
    { fromValue: 100, toValue: 1000, perUnitAmount: '0.10', flatAmount: '5' },
    { fromValue: 1000, toValue: null, perUnitAmount: '0.05' },
  ],
};

describe('charge models (figures worked by hand)', () => {
  it('STANDARD: (1,234 − 234 free) × 0.05 = 50', () => {
    expect(amountOf(charge('STANDARD', { unitAmount: '0.05' }, 234), 1234)).toBe('50');
  });

  it('GRADUATED: 1,500 units = 100 × 0 + (900 × 0.10 + 5) + 500 × 0.05 = 120; 200 free: 110', () => {
    expect(amountOf(charge('GRADUATED', tiers), 1500)).toBe('120');
    expect(amountOf(charge('GRADUATED', tiers, 200), 1500)).toBe('110');
    expect(amountOf(charge('GRADUATED', tiers), 0)).toBe('0');
  });

  it('GRADUATED details list each tier with its units and amount', () => {
    const { details } = priceCharge(charge('GRADUATED', tiers), { aggregate: d(150) });
    expect(details.tiers).toEqual([
      expect.objectContaining({ units: '100', amount: '0' }),
      expect.objectContaining({ units: '50', amount: '10' }),
      expect.objectContaining({ units: '0', amount: '0' }),
    ]);
  });

  it('VOLUME: the tier holding the total prices every unit (1,500 × 0.05 = 75; 1,000 × 0.10 + 5 = 105; none: 0)', () => {
    expect(amountOf(charge('VOLUME', tiers), 1500)).toBe('75');
    expect(amountOf(charge('VOLUME', tiers), 1000)).toBe('105');
    expect(amountOf(charge('VOLUME', tiers), 0)).toBe('0');
  });

  it('PACKAGE: started blocks of 100 at 2 (250 → 6, 200 → 4, 250 with 50 free → 4)', () => {
    expect(amountOf(charge('PACKAGE', { packageSize: 100, amount: '2' }), 250)).toBe('6');
    expect(amountOf(charge('PACKAGE', { packageSize: 100, amount: '2' }), 200)).toBe('4');
    expect(amountOf(charge('PACKAGE', { packageSize: 100, amount: '2' }, 50), 250)).toBe('4');
  });

  it('PERCENTAGE: 2.5 % + 0.30 per event within [0.50, 5]: 0.55 + 2.80 + 5 = 8.35; the first 50 free: 1.80 + 5', () => {
    const props = { rate: '2.5', fixedAmount: '0.30', perEventMin: '0.50', perEventMax: '5' };
    expect(amountOf(charge('PERCENTAGE', props), 1110, [10, 100, 1000])).toBe('8.35');
    expect(amountOf(charge('PERCENTAGE', props, 50), 1110, [10, 100, 1000])).toBe('6.8');
    expect(amountOf(charge('PERCENTAGE', props), 1, [1])).toBe('0.5');
  });
});

describe('charge properties', () => {
  const issue = (model: PricedCharge['model'], properties: unknown) =>
    chargePropertiesSchemas[model].safeParse(properties).error?.issues[0]?.path.join('.');

  it('tiers start at 0, meet without gap or overlap, and only the last is open-ended', () => {
    expect(issue('GRADUATED', { tiers: [{ fromValue: 1, toValue: null, perUnitAmount: 1 }] })).toBe(
      'tiers.0.fromValue',
    );
    const overlapping = [
      { fromValue: 0, toValue: 100, perUnitAmount: 1 },
      { fromValue: 50, toValue: null, perUnitAmount: 1 },
    ];
    expect(issue('VOLUME', { tiers: overlapping })).toBe('tiers.1.fromValue');
    expect(issue('GRADUATED', { tiers: [{ fromValue: 0, toValue: 10, perUnitAmount: 1 }] })).toBe('tiers.0.toValue');
  });

  it('package size ≥ 1, rate 0–100, per-event min ≤ max, no negative amounts', () => {
    expect(issue('PACKAGE', { packageSize: 0, amount: 1 })).toBe('packageSize');
    expect(issue('PERCENTAGE', { rate: '100.5' })).toBe('rate');
    expect(issue('PERCENTAGE', { rate: 1, perEventMin: 2, perEventMax: 1 })).toBe('perEventMax');
    expect(issue('STANDARD', { unitAmount: '-1' })).toBe('unitAmount');
  });
});

describe('roundMoney', () => {
  it('knows each currency’s minor unit (USD 2, JPY 0, KWD 3) and rounds half-up', () => {
    expect([minorUnits('USD'), minorUnits('JPY'), minorUnits('KWD')]).toEqual([2, 0, 3]);
    expect(roundMoney(d('2.675'), 'USD').toFixed()).toBe('2.68');
    expect(roundMoney(d('12.5'), 'JPY').toFixed()).toBe('13');
    expect(roundMoney(d('1.0005'), 'KWD').toFixed()).toBe('1.001');
  });
});
