import type { ReactNode } from 'react';
import type { TenantOverview } from './TenantOverviewFragment.ts';

type Figure = readonly [label: string, value: ReactNode];

interface DomainColumn {
  heading: string;
  /** The column's figures, or null when the domain's subgraph did not answer. */
  figures: (tenant: TenantOverview) => Figure[] | null;
}

const numberFormat = new Intl.NumberFormat('en');
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export const count = (value: number) => numberFormat.format(value);

function Timestamp({ value, format }: { value: string; format: Intl.DateTimeFormat }) {
  return <time dateTime={value}>{format.format(new Date(value))}</time>;
}

const domainColumns: DomainColumn[] = [
  {
    heading: 'Users',
    figures: ({ users }) =>
      users && [
        ['Total', count(users.total)],
        ['Active', count(users.active)],
        [
          'Last activity',
          users.lastActivityAt ? (
            <Timestamp key="last-activity" value={users.lastActivityAt} format={dateTimeFormat} />
          ) : (
            'never'
          ),
        ],
      ],
  },
  {
    heading: 'CRM',
    figures: ({ crm }) =>
      crm && [
        ['Customers', count(crm.totalCustomers)],
        ['Leads', count(crm.totalLeads)],
        ['Open leads', count(crm.openLeads)],
      ],
  },
  {
    heading: 'CMS',
    figures: ({ cms }) =>
      cms && [
        ['Content items', count(cms.totalContentItems)],
        ['Published', count(cms.publishedContentItems)],
        ['Media files', count(cms.mediaFiles)],
        ['Pages', count(cms.pages)],
      ],
  },
  {
    heading: 'Billing',
    figures: ({ billing }) =>
      billing && [
        ['Active subscriptions', count(billing.activeSubscriptions)],
        ['Open invoices', count(billing.openInvoices)],
      ],
  },
  {
    heading: 'Analytics',
    figures: ({ analytics }) =>
      analytics && [
        ['Events', count(analytics.totalEvents)],
        ['Last 24 h', count(analytics.eventsLast24h)],
      ],
  },
];

/** ACTIVE → Active, PROFESSIONAL → Professional. */
const enumLabel = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();

function FiguresCell({ figures }: { figures: Figure[] | null }) {
  if (!figures) return <td className="px-4 py-2 text-slate-500">unavailable</td>;
  return (
    <td className="px-4 py-2 align-top">
      <dl className="grid grid-cols-[auto_auto] gap-x-3 text-xs">
        {figures.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-right font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </td>
  );
}

/** One row per tenant with every domain's summary; used for the platform list and for a single tenant. */
export function TenantsTable({ tenants, caption }: { tenants: TenantOverview[]; caption: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="px-4 py-2 text-left text-xs text-slate-600">{caption}</caption>
        <thead className="border-y border-slate-200 bg-slate-50">
          <tr>
            <th className="px-4 py-2 font-medium" scope="col">
              Tenant
            </th>
            <th className="px-4 py-2 font-medium" scope="col">
              Status
            </th>
            <th className="px-4 py-2 font-medium" scope="col">
              Plan
            </th>
            <th className="px-4 py-2 font-medium" scope="col">
              Created
            </th>
            {domainColumns.map(({ heading }) => (
              <th className="px-4 py-2 font-medium" scope="col" key={heading}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tenants.map((tenant) => (
            <tr key={tenant.id}>
              <th scope="row" className="px-4 py-2 align-top">
                <span className="tenant-name block font-medium">{tenant.name}</span>
                <span className="tenant-slug block text-xs text-slate-600">{tenant.slug}</span>
              </th>
              <td className="px-4 py-2 align-top">
                <span className={`status status-${tenant.status.toLowerCase()}`}>{enumLabel(tenant.status)}</span>
              </td>
              <td className="px-4 py-2 align-top">{enumLabel(tenant.planTier)}</td>
              <td className="px-4 py-2 align-top">
                <Timestamp value={tenant.createdAt} format={dateFormat} />
              </td>
              {domainColumns.map(({ heading, figures }) => (
                <FiguresCell key={heading} figures={figures(tenant)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
