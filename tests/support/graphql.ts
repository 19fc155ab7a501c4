import { inject } from 'vitest';

/**
 * A GraphQL answer's JSON as tests read it, by path: its shape is the selection's, which no type
 * here knows (the SDK's typed documents are where answers are typed).
 */
// biome-ignore lint/suspicious/noExplicitAny: answers are read by path; their shape is the selection's
export type AnswerJson = any;

export interface GraphQLResponse<T = Record<string, AnswerJson>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** POSTs one operation to the gateway (or `url`) over real HTTP. */
export async function graphql<T = Record<string, AnswerJson>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { headers?: Record<string, string>; url?: string } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(options.url ?? inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>['body'],
  };
}
