import type { CodexResponse } from './request.ts';

/** A Relay connection as the generated operations select it. */
export interface Connection<TNode> {
  edges: readonly { cursor: string; node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number;
}

export type NodeOf<TConnection> = TConnection extends Connection<infer TNode> ? TNode : never;

/** One page of a list, with the request id it was answered under. */
export type Page<TConnection> = TConnection & { readonly requestId: string };

/**
 * Every item of a list, page after page, following `pageInfo.endCursor` until `hasNextPage` is
 * false: `for await (const customer of codex.crm.customers.list({ search }))`. Pages are fetched
 * as the loop asks for them; `pages()` walks page by page (with `totalCount`), `toArray()` reads all.
 */
export interface CodexList<TConnection extends Connection<unknown>> extends AsyncIterable<NodeOf<TConnection>> {
  pages(): AsyncIterable<Page<TConnection>>;
  /** The first page only. */
  firstPage(): Promise<Page<TConnection>>;
  toArray(): Promise<NodeOf<TConnection>[]>;
}

export type FetchPage<TConnection> = (after: string | undefined) => Promise<CodexResponse<TConnection>>;

export function createList<TConnection extends Connection<unknown>>(
  fetchPage: FetchPage<TConnection>,
): CodexList<TConnection> {
  const withRequestId = ({ data, requestId }: CodexResponse<TConnection>): Page<TConnection> => ({
    ...data,
    requestId,
  });
  async function* pages(): AsyncGenerator<Page<TConnection>> {
    let after: string | undefined;
    do {
      const page = withRequestId(await fetchPage(after));
      yield page;
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
    } while (after);
  }
  async function* items(): AsyncGenerator<NodeOf<TConnection>> {
    for await (const page of pages()) for (const edge of page.edges) yield edge.node as NodeOf<TConnection>;
  }
  return {
    [Symbol.asyncIterator]: items,
    pages,
    firstPage: async () => withRequestId(await fetchPage(undefined)),
    toArray: async () => {
      const all: NodeOf<TConnection>[] = [];
      for await (const item of items()) all.push(item);
      return all;
    },
  };
}
