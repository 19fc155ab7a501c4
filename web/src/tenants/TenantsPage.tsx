import { NetworkStatus, type ErrorLike } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorBanner } from '../ErrorBanner.tsx';
import { count, TenantsTable } from './TenantsTable.tsx';
import { tenantsOverviewQuery } from './TenantsQuery.ts';

const pageSize = 25;

/** The SUPERADMIN's view: every tenant of the platform, 25 at a time. */
export function TenantsPage() {
  // errorPolicy 'all': when one subgraph is down the gateway still answers the rest, so show both.
  const { data, error, loading, networkStatus, fetchMore } = useQuery(tenantsOverviewQuery, {
    variables: { first: pageSize },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [loadMoreError, setLoadMoreError] = useState<ErrorLike>();
  const tenants = data?.tenants;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const loadMore = (after: string | null) => {
    setLoadMoreError(undefined);
    // fetchMore does not inherit the query's errorPolicy; a partial page is still worth merging.
    fetchMore({ variables: { after }, errorPolicy: 'all' }).then(
      ({ error }) => setLoadMoreError(error),
      setLoadMoreError,
    );
  };

  return (
    <section className="tenants-page" aria-labelledby="tenants-heading">
      <h1 id="tenants-heading">Tenants</h1>
      {error && <ErrorBanner error={error} />}
      {loadMoreError && <ErrorBanner error={loadMoreError} />}
      {!tenants && loading && <p role="status">Loading tenants…</p>}
      {tenants && (
        <TenantsTable
          tenants={tenants.edges.map(({ node }) => node)}
          caption={`Tenants of the platform, ${count(tenants.edges.length)} of ${count(tenants.totalCount)} shown`}
        />
      )}
      {tenants?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="load-more"
          disabled={loadingMore}
          onClick={() => loadMore(tenants.pageInfo.endCursor)}
        >
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
