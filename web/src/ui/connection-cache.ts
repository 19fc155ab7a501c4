import type { ApolloCache, Reference, StoreObject } from '@apollo/client';

interface StoredConnection {
  edges?: readonly { node: Reference }[];
  totalCount?: number;
}

/**
 * Adds an object the server has just created to every cached page of a Relay connection field
 * (`users`, `apiKeys`, …), so a list shows it at once without fetching the list again.
 */
export function appendToConnection(
  cache: ApolloCache,
  field: string,
  created: StoreObject | undefined | null,
  edgeType: string,
) {
  const id = created && cache.identify(created);
  if (!id) return;
  const node: Reference = { __ref: id };
  cache.modify({
    fields: {
      [field]: (stored) => {
        const existing = stored as StoredConnection;
        if (!existing?.edges) return stored;
        const edges = [...existing.edges, { __typename: edgeType, cursor: '', node }];
        return { ...existing, edges, totalCount: (existing.totalCount ?? 0) + 1 };
      },
    },
  });
}
