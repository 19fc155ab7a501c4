import type { ApolloCache, Reference } from '@apollo/client';

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

interface CachedConnection {
  __typename?: string;
  edges?: readonly { node?: Reference }[];
  totalCount?: number;
}

/**
 * Puts a new row first in every loaded list of the root field `field` (whatever its arguments) and
 * counts it, so a create shows at once, optimistically too; the next fetch of a list sorts it in.
 */
export function prependToLists(
  cache: ApolloCache,
  field: string,
  node: { __typename: string; id: string },
  edgeTypename: string,
) {
  const ref = cache.identify(node);
  if (!ref) return;
  cache.modify({
    fields: {
      [field]: (value, { readField }) => {
        const existing = value as CachedConnection;
        const edges = existing.edges ?? [];
        if (edges.some((edge) => edge.node && readField('id', edge.node) === node.id)) return existing;
        const edge = { __typename: edgeTypename, cursor: '', node: { __ref: ref } };
        return { ...existing, edges: [edge, ...edges], totalCount: (existing.totalCount ?? 0) + 1 };
      },
    },
  });
}

/** Takes a deleted row out of the cache; the lists that held it drop it and count one fewer. */
export function removeFromLists(cache: ApolloCache, field: string, node: { __typename: string; id: string }) {
  cache.modify({
    fields: {
      [field]: (value, { readField }) => {
        const existing = value as CachedConnection;
        const edges = existing.edges ?? [];
        const kept = edges.filter((edge) => !edge.node || readField('id', edge.node) !== node.id);
        if (kept.length === edges.length) return existing;
        return { ...existing, edges: kept, totalCount: Math.max(0, (existing.totalCount ?? 1) - 1) };
      },
    },
  });
  const ref = cache.identify(node);
  if (ref) cache.evict({ id: ref });
  cache.gc();
}
