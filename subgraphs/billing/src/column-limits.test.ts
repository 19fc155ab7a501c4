import { fitsDecimal, itBoundsTextByItsColumn, staysInRange } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { columnLimits, decimalLimits, intRange } from './generated/column-limits.ts';
import {
  amountSchema,
  billingLimits,
  cancelReasonSchema,
  centsSchema,
  descriptionSchema,
  idempotencyKeySchema,
  metricSchema,
  notesSchema,
  planCodeSchema,
  planNameSchema,
  positiveQuantitySchema,
  quantitySchema,
  trialDaysSchema,
} from './validation.ts';

const { UsageEvent } = columnLimits;

/** Every text an input writes, with the column it lands in. */
const textColumns = {
  'Plan.name': planNameSchema,
  'Plan.code': planCodeSchema,
  'Plan.description': descriptionSchema,
  'Subscription.cancelReason': cancelReasonSchema,
  'Invoice.notes': notesSchema,
  'UsageEvent.idempotencyKey': idempotencyKeySchema,
};

describe('Billing inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(columnLimits, textColumns);

  it('a metric code fills UsageEvent.metricCode and no more', () => {
    expect(metricSchema.safeParse('a'.repeat(UsageEvent.metricCode)).success).toBe(true);
    expect(metricSchema.safeParse('a'.repeat(UsageEvent.metricCode + 1)).success).toBe(false);
  });

  it('money and usage quantities take exactly what their Decimal columns hold', () => {
    expect(fitsDecimal(amountSchema, decimalLimits.Plan.amount)).toBe(true);
    expect(fitsDecimal(amountSchema, decimalLimits.PendingInvoiceItem.unitPrice)).toBe(true);
    expect(fitsDecimal(positiveQuantitySchema, decimalLimits.PendingInvoiceItem.quantity)).toBe(true);
    const { precision, scale } = decimalLimits.Invoice.total;
    expect(billingLimits.money.toFixed()).toBe(`1${'0'.repeat(precision - scale)}`);
  });

  it('discounts keep to the column’s integer digits (2 decimals: stricter on purpose)', () => {
    const digits = decimalLimits.Invoice.discount.precision - decimalLimits.Invoice.discount.scale;
    expect(centsSchema.safeParse(`${'9'.repeat(digits)}.99`).success).toBe(true);
    expect(centsSchema.safeParse(`1${'0'.repeat(digits)}`).success).toBe(false);
  });

  it('trial days and seat quantities stay inside their integer columns', () => {
    expect(staysInRange(trialDaysSchema, intRange.Plan.trialDays)).toBe(true);
    expect(staysInRange(quantitySchema, intRange.Subscription.quantity)).toBe(true);
    expect(billingLimits.monthsPerInterval).toBeLessThanOrEqual(intRange.Plan.intervalCount.max);
  });
});
