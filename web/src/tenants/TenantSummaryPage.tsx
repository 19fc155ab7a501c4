import { useQuery } from '@apollo/client/react';
import { ErrorBanner } from '../ErrorBanner.tsx';
import { ownTenantOverviewQuery } from './TenantQuery.ts';
import { TenantsTable } from './TenantsTable.tsx';

/** An ADMIN's or CLIENT's view: their own tenant with the same per-domain summaries as the tenants page. */
export function TenantSummaryPage({ tenantId }: { tenantId: string }) {
  // errorPolicy 'all': a subgraph outage nulls only its own summary; show the rest with the error.
  const { data, error, loading } = useQuery(ownTenantOverviewQuery, {
    variables: { id: tenantId },
    errorPolicy: 'all',
  });
  const tenant = data?.tenant;
  return (
    <section className="tenants-page" aria-labelledby="tenant-heading">
      <h1 id="tenant-heading">Your tenant</h1>
      {error && <ErrorBanner error={error} />}
      {!tenant && loading && <p role="status">Loading your tenant…</p>}
      {tenant && <TenantsTable tenants={[tenant]} caption={`Summary of tenant ${tenant.name}`} />}
      {!tenant && !loading && !error && <p>Your tenant could not be found.</p>}
    </section>
  );
}
