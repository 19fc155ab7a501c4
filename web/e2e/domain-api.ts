/// <reference types="node" />
import { inject } from 'vitest';

/**
 * Test data for the domain screens' browser tests, made through the gateway's API (not the
 * console), so each test starts from records of its own and never depends on another test's.
 */
export interface ApiLogin {
  login: string;
  password: string;
}

interface Answer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post<T>(body: object, token?: string): Promise<T> {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Answer<T>;
  if (!answer.data || answer.errors?.length) throw new Error(`API refused: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/** A function that runs GraphQL as `who` (signed in once). */
export async function apiAs({ login, password }: ApiLogin) {
  const { login: session } = await post<{ login: { accessToken: string } }>({
    query:
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    variables: { email: login, password },
  });
  return <T>(query: string, variables: object = {}) => post<T>({ query, variables }, session.accessToken);
}

export type Api = Awaited<ReturnType<typeof apiAs>>;

/** A name no other test (or earlier run against the same data) uses. */
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

export async function createCustomer(api: Api, name: string) {
  const { createCustomer } = await api<{ createCustomer: { id: string; email: string } }>(
    'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id email } }',
    { input: { email: `${name}@example.com`, firstName: 'Test', lastName: name } },
  );
  return createCustomer;
}
