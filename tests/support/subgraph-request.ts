import { randomUUID } from 'node:crypto';
import { gatewayKey, gatewayTokenHeader, signGatewayToken, type Identity, type SubgraphName } from '@codex/kit';
import { inject } from 'vitest';
import type { AnswerJson } from './graphql.ts';

/** Sends an operation straight to a subgraph (the shared one, or `url`), signed as the gateway would (or with `token` as given). */
export async function subgraphRequest(
  service: SubgraphName,
  query: string,
  options: {
    identity?: Identity | null;
    token?: string | null;
    variables?: Record<string, unknown>;
    url?: string;
  } = {},
) {
  const token =
    options.token !== undefined
      ? options.token
      : await signGatewayToken(gatewayKey(inject('gatewaySecret')), {
          requestId: randomUUID(),
          clientIp: '127.0.0.1',
          identity: options.identity ?? null,
        });
  const response = await fetch(options.url ?? inject('subgraphUrls')[service], {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [gatewayTokenHeader]: token } : {}) },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: AnswerJson;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

export const identityOf = (
  role: Identity['role'],
  tenantId: string | null,
  kind: Identity['kind'] = 'user',
): Identity => ({
  kind,
  subjectId: randomUUID(),
  tenantId,
  role,
  scopes: [],
  sessionId: kind === 'user' ? randomUUID() : null,
});
