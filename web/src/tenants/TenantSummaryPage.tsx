import { useQuery } from '@apollo/client/react';
import { useSignedInUser } from '../auth/session-context.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { ownTenantOverviewQuery } from './TenantQuery.ts';
import { TenantsTable } from './TenantsTable.tsx';

/** An ADMIN's or CLIENT's first screen: their own tenant with every domain's summary. */
export function TenantSummaryPage() {
  const tenantId = useSignedInUser().tenant?.id ?? '';
  // errorPolicy 'all': a subgraph outage nulls only its own summary; show the rest with the error.
  const { data, error, loading } = useQuery(ownTenantOverviewQuery, {
    variables: { id: tenantId },
    errorPolicy: 'all',
    skip: !tenantId,
  });
  const tenant = data?.tenant;
  return (
    <section>
      <PageHeader title="Your tenant" description="What your tenant holds in every service." />
      {error && <ErrorBanner error={error} />}
      {!tenant && loading && <LoadingState label="Loading your tenant…" />}
      {tenant && <TenantsTable tenants={[tenant]} caption={`Summary of tenant ${tenant.name}`} />}
      {!tenant && !loading && !error && <EmptyState title="Your tenant could not be found." />}
    </section>
  );
}
