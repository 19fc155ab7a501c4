import type { ReactNode } from 'react';

/** One headline figure with its label and an optional note (e.g. "of 12 total"). */
export function KpiCard({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {note && <dd className="mt-1 text-xs text-slate-600">{note}</dd>}
    </div>
  );
}

/** A row of KPI cards, as one description list. */
export function KpiGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl aria-label={label} className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
      {children}
    </dl>
  );
}
