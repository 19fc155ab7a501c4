import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type CodexList, type Connection, createList } from './pagination.ts';
import type { CallOptions, CodexResponse } from './request.ts';

export type { CallOptions };

/** A list's variables: `after` is the iterator's to follow, `first` is the page size. */
export type PageVariables<TVariables> = Omit<TVariables, 'after'>;

/** What a helper answers: the root field's value, with the request id beside it (not enumerable, so it stays out of JSON). */
export type WithRequestId<T> = T extends object ? T & { readonly requestId: string } : T;

type Run = <TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options?: CallOptions,
) => Promise<CodexResponse<TData>>;

export interface DomainHelpers {
  field<TData, TVariables, TKey extends keyof TData>(
    document: TypedDocumentNode<TData, TVariables>,
    key: TKey,
    variables: TVariables,
    options?: CallOptions,
  ): Promise<WithRequestId<TData[TKey]>>;
  list<TData, TVariables, TKey extends keyof TData>(
    document: TypedDocumentNode<TData, TVariables>,
    key: TKey,
    variables: PageVariables<TVariables>,
    options?: CallOptions,
  ): CodexList<TData[TKey] & Connection<unknown>>;
}

function withRequestId<T>(value: T, requestId: string): WithRequestId<T> {
  if (value !== null && typeof value === 'object')
    Object.defineProperty(value, 'requestId', { value: requestId, enumerable: false });
  return value as WithRequestId<T>;
}

/** The two shapes every generated helper takes: one root field's value, or a list paged through. */
export function createDomainHelpers(run: Run): DomainHelpers {
  return {
    async field(document, key, variables, options) {
      const { data, requestId } = await run(document, variables, options);
      return withRequestId(data[key], requestId);
    },
    list(document, key, variables, options) {
      return createList(async (after) => {
        const response = await run(document, { ...variables, after } as never, options);
        return { ...response, data: response.data[key] as never };
      });
    },
  };
}
