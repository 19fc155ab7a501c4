import { randomUUID } from 'node:crypto';
import type { MachineScopeName } from '@codex/kit';
import { bearer } from './actors.ts';
import { graphql } from './graphql.ts';

/** Headers of a caller: a bearer token, or an API key. */
export type Caller = { token: string } | { apiKey: string };
export const headersOf = (caller: Caller) =>
  'token' in caller ? bearer(caller.token) : { 'x-api-key': caller.apiKey };

export interface IngestedEvent {
  idempotencyKey: string;
  status: 'ACCEPTED' | 'DUPLICATE';
  eventId: string;
}

export const ingestMutation = /* GraphQL */ `
  mutation Ingest($events: [EventInput!]!) {
    ingestEvents(events: $events) { accepted duplicates results { idempotencyKey status eventId } }
  }
`;

/** Sends a batch through the gateway and returns the whole answer. */
export const ingest = (caller: Caller, events: Record<string, unknown>[]) =>
  graphql(ingestMutation, { events }, { headers: headersOf(caller) });

/** A valid event with a fresh key; `overrides` replaces fields. */
export const anEvent = (
  overrides: Record<string, unknown> = {},
): Record<string, unknown> & { idempotencyKey: string } => ({
  idempotencyKey: `key-${randomUUID()}`,
  name: 'page_view',
  ...overrides,
});

/** `hours` ago, as ISO text. */
export const hoursAgo = (hours: number, from = Date.now()) => new Date(from - hours * 3_600_000).toISOString();

export const metricSeriesQuery = /* GraphQL */ `
  query Series($metric: String!, $granularity: MetricGranularity!, $from: DateTime!, $to: DateTime!, $eventName: String, $tenantId: ID) {
    metricSeries(metric: $metric, granularity: $granularity, from: $from, to: $to, eventName: $eventName, tenantId: $tenantId) { periodStart value }
  }
`;

/** A machine client of the caller's tenant with `scopes` (the API's enum names), and its access token. */
export async function machineToken(adminToken: string, scopes: MachineScopeName[]): Promise<string> {
  const created = await graphql(
    /* GraphQL */ `mutation M($input: CreateMachineClientInput!) { createMachineClient(input: $input) { clientSecret machineClient { clientId } } }`,
    { input: { name: `analytics-${randomUUID().slice(0, 8)}`, scopes } },
    { headers: bearer(adminToken) },
  );
  const { clientSecret, machineClient } = created.body.data?.createMachineClient ?? {};
  if (!clientSecret) throw new Error(`createMachineClient failed: ${JSON.stringify(created.body.errors)}`);
  const issued = await graphql(
    /* GraphQL */ `mutation T($id: String!, $secret: String!) { clientCredentialsToken(clientId: $id, clientSecret: $secret) { accessToken } }`,
    { id: machineClient.clientId, secret: clientSecret },
  );
  return issued.body.data?.clientCredentialsToken.accessToken as string;
}

/** An API key of the caller's tenant with `role`; with `scopes` (e.g. an ingestion key: `['ANALYTICS_INGEST']`), narrowed to them. */
export async function apiKey(
  adminToken: string,
  role: 'ADMIN' | 'CLIENT',
  scopes: MachineScopeName[] = [],
): Promise<string> {
  const created = await graphql(
    /* GraphQL */ `mutation K($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
    { input: { name: `analytics-${role}`, role, scopes } },
    { headers: bearer(adminToken) },
  );
  const secret = created.body.data?.createApiKey.secret as string | undefined;
  if (!secret) throw new Error(`createApiKey failed: ${JSON.stringify(created.body.errors)}`);
  return secret;
}
