import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PlatformHealthQuery, PlatformHealthQueryVariables } from '../generated/operations.ts';

export const platformHealthQuery: TypedDocumentNode<PlatformHealthQuery, PlatformHealthQueryVariables> =
  gql /* GraphQL */`
  query PlatformHealth {
    platformHealth {
      status
      checkedAt
      gateway { name status latencyMs version error }
      subgraphs { name status latencyMs version error }
    }
  }
`;
