import { describe, expect, it } from 'vitest';
import { Prisma } from './db.ts';
import { invoiceFigures, toCents } from './money.ts';

const d = (value: string) => new Prisma.Decimal(value);
const line = (quantity: string, unitPrice: string) => ({ quantity: d(quantity), unitPrice: d(unitPrice) });
const text = (figures: ReturnType<typeof invoiceFigures>) => ({
  lines: figures.lines.map((priced) => priced.amount.toFixed(2)),
  subtotal: figures.subtotal.toFixed(2),
  discount: figures.discount.toFixed(2),
  tax: figures.tax.toFixed(2),
  total: figures.total.toFixed(2),
});

describe('toCents', () => {
  it.each([
    ['0.005', '0.01'],
    ['0.0049', '0.00'],
    ['2.675', '2.68'],
    ['1.005', '1.01'],
    ['-0.005', '-0.01'],
    ['-2.675', '-2.68'],
    ['10', '10.00'],
    ['999999999999999.9949', '999999999999999.99'],
  ])('rounds %s half away from zero to %s (exactly, never through a float)', (value, cents) => {
    expect(toCents(d(value)).toFixed(2)).toBe(cents);
  });
});

describe('invoiceFigures', () => {
  it('rounds each line to the cent, sums the lines, then discounts and taxes the rest once', () => {
    const figures = invoiceFigures([line('3', '0.3333'), line('1.5', '10.005')], d('1.00'), d('20'));
    // 0.9999 → 1.00; 15.0075 → 15.01; subtotal 16.01; tax 20 % of 15.01 = 3.002 → 3.00.
    expect(text(figures)).toEqual({
      lines: ['1.00', '15.01'],
      subtotal: '16.01',
      discount: '1.00',
      tax: '3.00',
      total: '18.01',
    });
  });

  it('rounds tax half-up on the total, not per line', () => {
    // Per line: 0.125 → 0.13 twice = 0.26; on the total: 0.25.
    const figures = invoiceFigures([line('1', '2.50'), line('1', '2.50')], d('0'), d('5'));
    expect(text(figures)).toMatchObject({ subtotal: '5.00', tax: '0.25', total: '5.25' });
    expect(text(invoiceFigures([line('1', '0.10')], d('0'), d('5')))).toMatchObject({ tax: '0.01', total: '0.11' });
  });

  it('allows a discount of the whole subtotal (total 0, no tax) and refuses one beyond it', () => {
    expect(text(invoiceFigures([line('2', '5')], d('10'), d('19')))).toMatchObject({ tax: '0.00', total: '0.00' });
    expect(() => invoiceFigures([line('2', '5')], d('10.01'), d('0'))).toThrow(RangeError);
  });

  it('an invoice without lines is all zero', () => {
    expect(text(invoiceFigures([], d('0'), d('25')))).toEqual({
      lines: [],
      subtotal: '0.00',
      discount: '0.00',
      tax: '0.00',
      total: '0.00',
    });
  });

  it('keeps each line’s own fields beside its amount', () => {
    const [priced] = invoiceFigures([{ ...line('4', '0.125'), description: 'Seats' }], d('0'), d('0')).lines;
    expect(priced).toMatchObject({ description: 'Seats' });
    expect(priced?.amount.toFixed(2)).toBe('0.50');
  });

  it('stays exact where floats are not: 0.1 × 3 + 0.2', () => {
    expect(text(invoiceFigures([line('3', '0.1'), line('1', '0.2')], d('0'), d('0'))).total).toBe('0.50');
  });
});
