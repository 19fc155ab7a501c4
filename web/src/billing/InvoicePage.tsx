import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { enumLabel, formatDate, formatMoney } from '../ui/format.ts';
import { MissingRecord } from '../ui/MissingRecord.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { LoadingState } from '../ui/States.tsx';
import { invoiceDetailQuery } from './billing-operations.ts';

/** One invoice: status, dates, lines and totals. */
export function InvoicePage() {
  const { invoiceId = '' } = useParams();
  const { data, loading, error } = useQuery(invoiceDetailQuery, { variables: { id: invoiceId } });
  const invoice = data?.invoice;
  if (!data && loading) return <LoadingState label="Loading invoice…" />;
  if (!invoice)
    return <MissingRecord noun="invoice" error={error} backTo="/billing/invoices" backLabel="Back to invoices" />;
  const money = (amount: string) => formatMoney({ amount, currency: invoice.currency });
  const dates: [string, string | null | undefined][] = [
    ['Issued', invoice.issuedAt],
    ['Due', invoice.dueDate],
    ['Paid', invoice.paidAt],
    ['Voided', invoice.voidedAt],
    ['Period start', invoice.periodStart],
    ['Period end', invoice.periodEnd],
  ];
  return (
    <section>
      <PageHeader
        title={`Invoice ${invoice.number}`}
        description={
          <>
            <Link to="/billing/invoices" className="text-indigo-700 underline">
              ← Invoices
            </Link>{' '}
            · {enumLabel(invoice.status)}
            {invoice.overdue ? ' · overdue' : ''}
            {invoice.customer ? ` · ${invoice.customer.firstName} ${invoice.customer.lastName}` : ''}
          </>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-2 text-sm md:grid-cols-6">
        {dates.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd>{value ? formatDate(value) : '—'}</dd>
          </div>
        ))}
      </dl>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="px-4 py-2 text-left text-xs text-slate-600">Lines of invoice {invoice.number}</caption>
          <thead className="border-y border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className="px-4 py-2">
                Description
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Quantity
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Unit price
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.id} className="border-b border-slate-100">
                <td className="px-4 py-2">{line.description}</td>
                <td className="px-4 py-2 text-right tabular-nums">{Number(line.quantity)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(line.unitPrice)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="text-right tabular-nums">
            {(
              [
                ['Subtotal', invoice.subtotal],
                ['Discount', invoice.discount],
                ['Tax', invoice.tax],
                ['Total', invoice.total],
                ['Paid', invoice.amountPaid],
              ] as const
            ).map(([label, amount]) => (
              <tr key={label}>
                <th scope="row" colSpan={3} className="px-4 py-1 font-medium">
                  {label}
                </th>
                <td className="px-4 py-1">{money(amount)}</td>
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
      {invoice.notes && <p className="mt-4 text-sm text-slate-700">{invoice.notes}</p>}
    </section>
  );
}
