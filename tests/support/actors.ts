import { randomUUID } from 'node:crypto';
import { demoUsers } from '@codex/kit';
import { graphql } from './graphql.ts';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Logs in through the gateway and returns the access token; fails the test on any error. */
export async function login(email: string, password: string): Promise<string> {
  const { body } = await graphql(
    /* GraphQL */ `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
    { email, password },
  );
  if (!body.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken as string;
}

export const superadminToken = () => login(demoUsers.superadmin.username, demoUsers.superadmin.password);

export interface TenantActors {
  tenant: { id: string; slug: string };
  admin: { id: string; email: string; password: string; token: string };
  client: { id: string; email: string; password: string; token: string };
}

/** A fresh tenant with one ADMIN and one CLIENT, created through the API as SUPERADMIN, both logged in. */
export async function createTenantWithUsers(superToken: string, label: string): Promise<TenantActors> {
  const unique = `${label}-${randomUUID().slice(0, 8)}`;
  const created = await graphql(
    /* GraphQL */ `mutation CreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { id slug } }`,
    { input: { slug: unique, name: `Tenant ${unique}`, planTier: 'STARTER' } },
    { headers: bearer(superToken) },
  );
  const tenant = created.body.data?.createTenant as { id: string; slug: string } | undefined;
  if (!tenant) throw new Error(`createTenant failed: ${JSON.stringify(created.body.errors)}`);
  const user = async (role: 'ADMIN' | 'CLIENT') => {
    const email = `${role.toLowerCase()}-${unique}@example.test`;
    const password = `pw-${randomUUID()}`;
    const { body } = await graphql(
      /* GraphQL */ `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, password, role, tenantId: tenant.id } },
      { headers: bearer(superToken) },
    );
    if (!body.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(body.errors)}`);
    return { id: body.data.createUser.id as string, email, password, token: await login(email, password) };
  };
  return { tenant, admin: await user('ADMIN'), client: await user('CLIENT') };
}
