import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PlatformOverviewQuery, PlatformOverviewQueryVariables } from '../generated/operations.ts';

/** Every figure of the platform overview screen, in one request (CDX plans it across the subgraphs). */
export const platformOverviewQuery: TypedDocumentNode<PlatformOverviewQuery, PlatformOverviewQueryVariables> =
  gql /* GraphQL */`
  query PlatformOverview {
    platformOverview {
      id
      users { total active }
      tenantsByStatus { status count }
      crm { totalCustomers totalLeads openLeads }
      billing {
        activeSubscriptions
        mrr { amount currency }
        revenueThisMonth { amount currency }
      }
      analytics { eventsLast30d uniqueUsers30d }
      kpis { activeUserRatio leadToSubscriptionConversion eventsPerActiveUser }
      tenantGrowth { day count }
      userGrowth { day count }
      customerGrowth { day count }
      subscriptionGrowth { day count }
      revenueGrowth { day amounts { amount currency } }
      eventGrowth { day count }
      topTenantsByMrr { tenant { id name } amount { amount currency } }
      topTenantsByEvents { tenant { id name } events }
    }
  }
`;
