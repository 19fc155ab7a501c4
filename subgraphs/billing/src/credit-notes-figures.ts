import { badInput } from '@codex/kit';
import { Prisma } from './db.ts';
import { minorUnits, roundMoney } from './money.ts';

type Decimal = Prisma.Decimal;
const zero = () => new Prisma.Decimal(0);
const sum = (values: Decimal[]) => values.reduce((total, value) => total.plus(value), zero());

/** An invoice line as a credit note sees it: its amount and what earlier credit notes took of it. */
export interface CreditableLine {
  id: string;
  description: string;
  amount: Decimal;
  credited: Decimal;
}

/** The invoice's figures and what earlier credit notes took of them. */
export interface CreditableInvoice {
  currency: string;
  tax: Decimal;
  total: Decimal;
  creditedTax: Decimal;
  creditedTotal: Decimal;
}

export type CreditRequest = { full: true } | { full: false; lines: { invoiceLineId: string; amount: Decimal }[] };

export interface CreditNoteFigures {
  lines: { invoiceLineItemId: string; description: string; amount: Decimal }[];
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
}

/** What is left to credit on a line; lines that lowered the invoice (credits, negatives) have nothing. */
const leftOn = (line: CreditableLine) => (line.amount.greaterThan(0) ? line.amount.minus(line.credited) : zero());

function requestedLines(lines: CreditableLine[], request: CreditRequest, currency: string) {
  if (request.full)
    return lines.filter((line) => leftOn(line).greaterThan(0)).map((line) => ({ line, amount: leftOn(line) }));
  if (request.lines.length === 0) throw badInput('Name at least one line, or credit the full invoice', 'input.lines');
  const seen = new Set<string>();
  return request.lines.map((asked, index) => {
    const field = `input.lines.${index}`;
    const line = lines.find((candidate) => candidate.id === asked.invoiceLineId);
    if (!line) throw badInput('This line is not on the invoice', `${field}.invoiceLineId`);
    if (seen.has(line.id)) throw badInput('Each line may be named once', `${field}.invoiceLineId`);
    seen.add(line.id);
    if (asked.amount.decimalPlaces() > minorUnits(currency))
      throw badInput(`must have at most ${minorUnits(currency)} decimals in ${currency}`, `${field}.amount`);
    if (asked.amount.lessThanOrEqualTo(0)) throw badInput('must be greater than 0', `${field}.amount`);
    if (asked.amount.greaterThan(leftOn(line)))
      throw badInput(`At most ${leftOn(line).toFixed(minorUnits(currency))} is left to credit`, `${field}.amount`);
    return { line, amount: asked.amount };
  });
}

/**
 * A credit note's figures. Each credited unit of line amount gives back the same share of the
 * invoice's tax and total (so its discount and negative lines are credited in proportion too),
 * rounded half-up; the note that leaves nothing on any line takes exactly what is left of the tax
 * and the total, so credit notes never sum past the invoice, nor short of it.
 */
export function creditNoteFigures(
  lines: CreditableLine[],
  invoice: CreditableInvoice,
  request: CreditRequest,
): CreditNoteFigures {
  const credited = requestedLines(lines, request, invoice.currency);
  if (credited.length === 0) throw badInput('Nothing is left to credit on this invoice', 'input.invoiceId');
  const base = sum(lines.filter((line) => line.amount.greaterThan(0)).map((line) => line.amount));
  const subtotal = sum(credited.map((entry) => entry.amount));
  const after = sum(lines.map(leftOn)).minus(subtotal);
  const share = (value: Decimal) => roundMoney(value.times(subtotal).dividedBy(base), invoice.currency);
  const last = after.isZero();
  const tax = last ? invoice.tax.minus(invoice.creditedTax) : share(invoice.tax);
  const net = last ? invoice.total.minus(invoice.creditedTotal).minus(tax) : share(invoice.total.minus(invoice.tax));
  return {
    lines: credited.map(({ line, amount }) => ({ invoiceLineItemId: line.id, description: line.description, amount })),
    subtotal,
    tax,
    total: net.plus(tax),
  };
}
