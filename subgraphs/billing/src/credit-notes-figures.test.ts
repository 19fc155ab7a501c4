import { describe, expect, it } from 'vitest';
import { Prisma } from './db.ts';
import { type CreditableInvoice, type CreditableLine, creditNoteFigures } from './credit-notes-figures.ts';

const d = (value: string) => new Prisma.Decimal(value);
const line = (id: string, amount: string, credited = '0'): CreditableLine => ({
  id,
  description: id,
  amount: d(amount),
  credited: d(credited),
});
const invoice = (tax: string, total: string, creditedTax = '0', creditedTotal = '0'): CreditableInvoice => ({
  currency: 'USD',
  tax: d(tax),
  total: d(total),
  creditedTax: d(creditedTax),
  creditedTotal: d(creditedTotal),
});
const text = (figures: ReturnType<typeof creditNoteFigures>) => ({
  lines: figures.lines.map((entry) => [entry.invoiceLineItemId, entry.amount.toFixed(2)]),
  subtotal: figures.subtotal.toFixed(2),
  tax: figures.tax.toFixed(2),
  total: figures.total.toFixed(2),
});
const partial = (...lines: [string, string][]) => ({
  full: false as const,
  lines: lines.map(([invoiceLineId, amount]) => ({ invoiceLineId, amount: d(amount) })),
});
const badField = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected an error');
};

describe('creditNoteFigures', () => {
  // Lines 100 + 50, tax 19% = 28.50, total 178.50.
  const lines = [line('plan', '100'), line('usage', '50')];

  it('credits part of a line with its share of the tax', () => {
    expect(text(creditNoteFigures(lines, invoice('28.50', '178.50'), partial(['plan', '30'])))).toEqual({
      lines: [['plan', '30.00']],
      subtotal: '30.00',
      tax: '5.70',
      total: '35.70',
    });
  });

  it('the note that credits what is left takes exactly the rest of the tax and total', () => {
    const after = [line('plan', '100', '33.33'), line('usage', '50')];
    // Earlier: 33.33 → tax 6.33, total 39.66 (rounded shares).
    const rest = creditNoteFigures(after, invoice('28.50', '178.50', '6.33', '39.66'), { full: true });
    expect(text(rest)).toEqual({
      lines: [
        ['plan', '66.67'],
        ['usage', '50.00'],
      ],
      subtotal: '116.67',
      tax: '22.17',
      total: '138.84',
    });
  });

  it('credits discounts and negative lines in proportion: a full note gives back the total', () => {
    const withCredit = [line('plan', '100'), line('proration', '-40')];
    // subtotal 60, discount 10, tax 10% of 50 = 5, total 55.
    const half = creditNoteFigures(withCredit, invoice('5', '55'), partial(['plan', '50']));
    expect(text(half)).toMatchObject({ subtotal: '50.00', tax: '2.50', total: '27.50' });
    expect(text(creditNoteFigures(withCredit, invoice('5', '55'), { full: true }))).toMatchObject({ total: '55.00' });
  });

  it('refuses more than is left on a line, naming it', () => {
    const after = [line('plan', '100', '90'), line('usage', '50')];
    expect(
      badField(() => creditNoteFigures(after, invoice('0', '150'), partial(['usage', '1'], ['plan', '10.01']))),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.lines.1.amount',
    });
  });

  it.each([
    [partial(['nope', '1']), 'input.lines.0.invoiceLineId'],
    [partial(['plan', '1'], ['plan', '1']), 'input.lines.1.invoiceLineId'],
    [partial(['plan', '0']), 'input.lines.0.amount'],
    [partial(['plan', '1.001']), 'input.lines.0.amount'],
    [partial(), 'input.lines'],
  ])('refuses a bad request (%#)', (request, field) => {
    expect(badField(() => creditNoteFigures(lines, invoice('0', '150'), request)).field).toBe(field);
  });

  it('a fully credited invoice has nothing left', () => {
    const done = [line('plan', '100', '100')];
    expect(badField(() => creditNoteFigures(done, invoice('0', '100', '0', '100'), { full: true })).field).toBe(
      'input.invoiceId',
    );
  });
});
