import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { PlatformOverviewQuery } from '../generated/operations.ts';
import { DailySeriesChart, RankingChart } from '../ui/charts.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { formatCount, formatMoneyList } from '../ui/format.ts';
import { KpiCard, KpiGrid } from '../ui/KpiCard.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { LoadingState } from '../ui/States.tsx';
import { platformOverviewQuery } from './PlatformOverviewQuery.ts';
import { RevenueGrowthChart } from './RevenueGrowthChart.tsx';

type Overview = PlatformOverviewQuery['platformOverview'];

const percent = (value: string | null | undefined) => (value == null ? '—' : `${value} %`);

function Kpis({ overview }: { overview: Overview }) {
  const tenants = overview.tenantsByStatus.reduce((sum, entry) => sum + entry.count, 0);
  const active = overview.tenantsByStatus.find((entry) => entry.status === 'ACTIVE')?.count ?? 0;
  return (
    <KpiGrid label="Platform figures">
      <KpiCard label="Tenants" value={formatCount(tenants)} note={`${formatCount(active)} active`} />
      <KpiCard
        label="Users"
        value={formatCount(overview.users.total)}
        note={`${percent(overview.kpis?.activeUserRatio)} active`}
      />
      <KpiCard
        label="Customers"
        value={overview.crm ? formatCount(overview.crm.totalCustomers) : '—'}
        note={overview.crm ? `${formatCount(overview.crm.openLeads)} open leads` : 'CRM unavailable'}
      />
      <KpiCard
        label="MRR"
        value={overview.billing ? formatMoneyList(overview.billing.mrr) : '—'}
        note={overview.billing ? `${formatCount(overview.billing.activeSubscriptions)} active subscriptions` : ''}
      />
      <KpiCard
        label="Revenue this month"
        value={overview.billing ? formatMoneyList(overview.billing.revenueThisMonth) : '—'}
      />
      <KpiCard
        label="Events, 30 days"
        value={overview.analytics ? formatCount(overview.analytics.eventsLast30d) : '—'}
        note={overview.analytics ? `${formatCount(overview.analytics.uniqueUsers30d)} unique users` : ''}
      />
      <KpiCard label="Lead → subscription" value={percent(overview.kpis?.leadToSubscriptionConversion)} />
      <KpiCard label="Events per active user" value={overview.kpis?.eventsPerActiveUser ?? '—'} />
    </KpiGrid>
  );
}

function TopTenants({ overview }: { overview: Overview }) {
  const byEvents = overview.topTenantsByEvents.map((entry) => ({
    label: entry.tenant?.name ?? 'unknown tenant',
    value: entry.events,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <RankingChart title="Top tenants by events (30 days)" rows={byEvents} valueLabel="Events" />
      <section aria-labelledby="top-mrr" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="top-mrr" className="mb-2 text-sm font-medium text-slate-800">
          Top tenants by MRR
        </h2>
        {overview.topTenantsByMrr.length === 0 ? (
          <p className="text-sm text-slate-600">No recurring revenue yet.</p>
        ) : (
          <ol className="divide-y divide-slate-100 text-sm">
            {overview.topTenantsByMrr.map((entry) => (
              <li key={`${entry.tenant?.id}-${entry.amount.currency}`} className="flex justify-between py-1.5">
                {entry.tenant ? (
                  <Link to={`/tenants/${entry.tenant.id}`} className="text-indigo-700 underline">
                    {entry.tenant.name}
                  </Link>
                ) : (
                  <span>unknown tenant</span>
                )}
                <span className="tabular-nums">{formatMoneyList([entry.amount])}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** The SUPERADMIN's first screen: the platform's headline figures, 30-day growth and leading tenants. */
export function OverviewPage() {
  // errorPolicy 'all': a subgraph that is down nulls only its own figures.
  const { data, error, loading } = useQuery(platformOverviewQuery, { errorPolicy: 'all' });
  const overview = data?.platformOverview;
  return (
    <section>
      <PageHeader
        title="Platform overview"
        description="Every tenant's figures, summed; growth over the last 30 days."
      />
      {error && <ErrorBanner error={error} />}
      {!overview && loading && <LoadingState label="Loading the platform's figures…" />}
      {overview && (
        <>
          <Kpis overview={overview} />
          <h2 className="mb-3 text-lg font-semibold text-slate-900">Growth, last 30 days</h2>
          <div className="mb-6 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            <DailySeriesChart title="New users" series={overview.userGrowth} color="#be185d" />
            <DailySeriesChart title="New customers" series={overview.customerGrowth} color="#0369a1" />
            <RevenueGrowthChart series={overview.revenueGrowth} />
            <DailySeriesChart title="Events" series={overview.eventGrowth} color="#b45309" />
            <DailySeriesChart title="New tenants" series={overview.tenantGrowth} />
            <DailySeriesChart title="New subscriptions" series={overview.subscriptionGrowth} color="#047857" />
          </div>
          <TopTenants overview={overview} />
        </>
      )}
    </section>
  );
}
