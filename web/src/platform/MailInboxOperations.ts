import { gql, type TypedDocumentNode } from '@apollo/client';
import type { MailInboxQuery, MailInboxQueryVariables } from '../generated/operations.ts';

export const mailInboxQuery: TypedDocumentNode<MailInboxQuery, MailInboxQueryVariables> = gql /* GraphQL */`
  query MailInbox($first: Int, $after: String, $to: String) {
    mailInbox(first: $first, after: $after, to: $to) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id from to subject text receivedAt } }
    }
  }
`;
