import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  PlatformHealthLiveSubscription,
  PlatformHealthLiveSubscriptionVariables,
  PlatformHealthQuery,
  PlatformHealthQueryVariables,
  PlatformHealthReportFragment,
} from '../generated/operations.ts';

const platformHealthReportFragment: TypedDocumentNode<PlatformHealthReportFragment> = gql /* GraphQL */`
  fragment PlatformHealthReport on PlatformHealth {
    status
    checkedAt
    gateway { name status latencyMs version error }
    subgraphs { name status latencyMs version error }
  }
`;

export type PlatformHealthReport = PlatformHealthReportFragment;

/** A check on demand ("Check now"), over HTTP. */
export const platformHealthQuery: TypedDocumentNode<PlatformHealthQuery, PlatformHealthQueryVariables> =
  gql /* GraphQL */`
  query PlatformHealth {
    platformHealth { ...PlatformHealthReport }
  }
  ${platformHealthReportFragment}
`;

/** The same report, pushed on subscribe and whenever a subgraph changes state (SUPERADMIN). */
export const platformHealthSubscription: TypedDocumentNode<
  PlatformHealthLiveSubscription,
  PlatformHealthLiveSubscriptionVariables
> = gql /* GraphQL */`
  subscription PlatformHealthLive {
    platformHealth { ...PlatformHealthReport }
  }
  ${platformHealthReportFragment}
`;
