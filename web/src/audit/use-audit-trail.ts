import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ServerPages } from '../ui/DataTable.tsx';
import { auditTrailQuery } from './AuditTrailQuery.ts';
import { appendOlderPages, auditTrailTotals, olderPageVariables } from './audit-entries.ts';

/** How many entries each service contributes per page. */
export const auditPageSize = 50;

/** The five audit trails, newest first, with "Load more" fetching each trail's next older page. */
export function useAuditTrail(tenantId: string | null) {
  // errorPolicy 'all': a service that is down leaves the other trails readable.
  const result = useQuery(auditTrailQuery, {
    variables: { first: auditPageSize, tenantId },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const { data, fetchMore, networkStatus } = result;
  const serverPages: ServerPages | undefined = data && {
    ...auditTrailTotals(data),
    loadingMore: networkStatus === NetworkStatus.fetchMore,
    loadMore: () =>
      void fetchMore({
        variables: olderPageVariables(data),
        updateQuery: (loaded, { fetchMoreResult }) => appendOlderPages(loaded as typeof data, fetchMoreResult),
      }),
  };
  return { ...result, serverPages };
}
