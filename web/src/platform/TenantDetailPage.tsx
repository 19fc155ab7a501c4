import { useQuery, useSubscription } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { AuditTable } from '../audit/AuditTable.tsx';
import { mergeAuditTrails } from '../audit/audit-entries.ts';
import { useAuditTrail } from '../audit/use-audit-trail.ts';
import type { TenantDetailQuery } from '../generated/operations.ts';
import { UsersTable } from '../identity/UsersTable.tsx';
import { TenantsTable } from '../tenants/TenantsTable.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { enumLabel, formatMoneyList } from '../ui/format.ts';
import { KpiCard, KpiGrid } from '../ui/KpiCard.tsx';
import { LiveIndicator } from '../ui/LiveIndicator.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { tenantDetailFiguresSubscription, tenantDetailQuery } from './TenantDetailQuery.ts';
import { TenantStatusButton, useTenantStatusActions } from './TenantStatusActions.tsx';

type Tenant = NonNullable<TenantDetailQuery['tenant']>;

const percent = (value: string | null | undefined) => (value == null ? '—' : `${value} %`);

function TenantKpis({ tenant }: { tenant: Tenant }) {
  return (
    <KpiGrid label="Tenant KPIs">
      <KpiCard label="MRR" value={formatMoneyList(tenant.billing?.mrr ?? [])} />
      <KpiCard label="Revenue, all time" value={formatMoneyList(tenant.billing?.revenueAllTime ?? [])} />
      <KpiCard label="Revenue per customer" value={formatMoneyList(tenant.kpis?.revenuePerCustomer ?? [])} />
      <KpiCard label="Active users" value={percent(tenant.kpis?.activeUserRatio)} />
      <KpiCard label="Lead → subscription" value={percent(tenant.kpis?.leadToSubscriptionConversion)} />
      <KpiCard label="Events per active user" value={tenant.kpis?.eventsPerActiveUser ?? '—'} />
    </KpiGrid>
  );
}

function TenantAudit({ tenantId }: { tenantId: string }) {
  const { data, error, loading, serverPages } = useAuditTrail(tenantId);
  return (
    <AuditTable
      rows={mergeAuditTrails(data)}
      loading={loading}
      error={error}
      caption="Audit trail of this tenant"
      serverPages={serverPages}
    />
  );
}

/** One tenant for a SUPERADMIN: summaries of all five services, KPIs, users and audit trail. */
export function TenantDetailPage() {
  const { tenantId = '' } = useParams();
  const { ask, dialog } = useTenantStatusActions();
  const { data, error, loading } = useQuery(tenantDetailQuery, { variables: { id: tenantId }, errorPolicy: 'all' });
  // Keeps the figures and KPIs current without polling (the pushes update the cached Tenant).
  const live = useSubscription(tenantDetailFiguresSubscription, { variables: { tenantId }, skip: !tenantId });
  const tenant = data?.tenant;
  if (!tenant && loading) return <LoadingState label="Loading the tenant…" />;
  if (!tenant)
    return (
      <section>
        <PageHeader title="Tenant not found" />
        {error && <ErrorBanner error={error} />}
        <EmptyState title="There is no tenant with this id.">
          <Link to="/tenants" className="text-indigo-700 underline">
            Back to the tenants
          </Link>
        </EmptyState>
      </section>
    );
  return (
    <section>
      <PageHeader
        title={tenant.name}
        description={
          <span className="flex items-center gap-2">
            {tenant.slug} · {enumLabel(tenant.planTier)} plan <StatusBadge value={tenant.status} />
          </span>
        }
        actions={
          <div className="flex items-center gap-2">
            <LiveIndicator received={live.data !== undefined} failed={live.error !== undefined} />
            <TenantStatusButton tenant={tenant} onAsk={ask} />
          </div>
        }
      />
      {error && <ErrorBanner error={error} />}
      <TenantKpis tenant={tenant} />
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Summaries</h2>
      <div className="mb-6">
        <TenantsTable tenants={[tenant]} caption={`Summary of tenant ${tenant.name}`} />
      </div>
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Users</h2>
      <div className="mb-6">
        <UsersTable
          users={data?.users.edges.map((edge) => edge.node)}
          loading={loading}
          error={undefined}
          caption={`Users of ${tenant.name}`}
        />
      </div>
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Audit trail</h2>
      <TenantAudit tenantId={tenant.id} />
      {dialog}
    </section>
  );
}
