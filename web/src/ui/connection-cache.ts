import type { ApolloCache, Reference, StoreObject } from '@apollo/client';

interface StoredConnection {
  edges?: readonly { node: Reference }[];
  totalCount?: number;
}

/**
 * Adds an object the server has just created to every cached page of a Relay connection field
 * (`users`, `apiKeys`, …), so a list shows it at once without fetching the list again. Lists shown
 * newest first take it `at: 'start'`, where the person who created it will look.
 */
export function appendToConnection(
  cache: ApolloCache,
  field: string,
  created: StoreObject | undefined | null,
  edgeType: string,
  at: 'start' | 'end' = 'end',
) {
  const id = created && cache.identify(created);
  if (!id) return;
  const node: Reference = { __ref: id };
  cache.modify({
    fields: {
      [field]: (stored) => {
        const existing = stored as StoredConnection;
        if (!existing?.edges) return stored;
        const edge = { __typename: edgeType, cursor: '', node };
        const edges = at === 'start' ? [edge, ...existing.edges] : [...existing.edges, edge];
        return { ...existing, edges, totalCount: (existing.totalCount ?? 0) + 1 };
      },
    },
  });
}

/**
 * Takes a deleted object out of the cached lists of `field`, which count one fewer. Safe in a
 * mutation's optimistic `update`: a refusal rolls it back. (Evicting the object there would reach
 * the root cache, so a refused delete would lose the row until the next fetch.)
 */
export function dropFromConnection(cache: ApolloCache, field: string, deleted: StoreObject) {
  const id = cache.identify(deleted);
  if (!id) return;
  cache.modify({
    fields: {
      [field]: (stored) => {
        const existing = stored as StoredConnection;
        const kept = existing?.edges?.filter((edge) => edge.node.__ref !== id);
        if (!kept || kept.length === existing.edges?.length) return stored;
        return { ...existing, edges: kept, totalCount: Math.max(0, (existing.totalCount ?? 1) - 1) };
      },
    },
  });
}

/** A Relay-style connection as the console's list queries select it. */
export interface LoadedConnection<Edge> {
  edges: readonly Edge[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
}

/** The next page appended to the pages loaded so far (for `fetchMore`'s `updateQuery`). */
export const appendPage = <C extends LoadedConnection<unknown>>(loaded: C, next: C): C => ({
  ...next,
  edges: [...loaded.edges, ...next.edges],
});
