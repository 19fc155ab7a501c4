import { useQuery, useSubscription } from '@apollo/client/react';
import { useSignedInUser } from '../auth/session-context.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { LiveIndicator } from '../ui/LiveIndicator.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { ownTenantFiguresSubscription, ownTenantOverviewQuery } from './TenantQuery.ts';
import { TenantsTable } from './TenantsTable.tsx';

/**
 * An ADMIN's or CLIENT's first screen: their own tenant with every domain's summary. Read once over
 * HTTP, then kept current by `tenantFigures` (no polling): each push lands on the same cached
 * `Tenant`, so the query's answer updates with it.
 */
export function TenantSummaryPage() {
  const tenantId = useSignedInUser().tenant?.id ?? '';
  // errorPolicy 'all': a subgraph outage nulls only its own summary; show the rest with the error.
  const { data, error, loading } = useQuery(ownTenantOverviewQuery, {
    variables: { id: tenantId },
    errorPolicy: 'all',
    skip: !tenantId,
  });
  const live = useSubscription(ownTenantFiguresSubscription, { variables: { tenantId }, skip: !tenantId });
  const tenant = data?.tenant;
  return (
    <section>
      <PageHeader
        title="Your tenant"
        description="What your tenant holds in every service, updated as it changes."
        actions={<LiveIndicator received={live.data !== undefined} failed={live.error !== undefined} />}
      />
      {error && <ErrorBanner error={error} />}
      {!tenant && loading && <LoadingState label="Loading your tenant…" />}
      {tenant && <TenantsTable tenants={[tenant]} caption={`Summary of tenant ${tenant.name}`} />}
      {!tenant && !loading && !error && <EmptyState title="Your tenant could not be found." />}
    </section>
  );
}
