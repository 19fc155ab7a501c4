import { randomUUID } from 'node:crypto';
import { demoUsers } from '@codex/kit';
import { inject } from 'vitest';
import { type CodexClientOptions, createCodexClient } from '../../sdk/src/index.ts';

/** The SDK under test, from source, against the shared test platform's gateway (or `url`). */
export const sdkClient = (options: Partial<CodexClientOptions> & Pick<CodexClientOptions, 'credentials'>) =>
  createCodexClient({ url: inject('gatewayUrl'), ...options });

export const superadminClient = (url?: string) =>
  sdkClient({
    ...(url ? { url } : {}),
    credentials: { email: demoUsers.superadmin.username, password: demoUsers.superadmin.password },
  });

/** A fetch that records the operation name of every request it sends, for counting refreshes and retries. */
export function recordingFetch() {
  const operations: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    operations.push((JSON.parse(String(init?.body)) as { operationName?: string }).operationName ?? '');
    return globalThis.fetch(input, init);
  };
  return { fetch, operations, count: (name: string) => operations.filter((each) => each === name).length };
}

export interface SdkTenant {
  tenantId: string;
  admin: { email: string; password: string };
  apiKey: string;
  machine: { clientId: string; clientSecret: string };
}

/** A fresh tenant made through the SDK as SUPERADMIN: an ADMIN user, an ADMIN API key, an ingesting machine client. */
export async function createSdkTenant(label: string): Promise<SdkTenant> {
  const superadmin = superadminClient();
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const tenant = await superadmin.auth.tenants.create({ slug, name: `SDK ${slug}`, planTier: 'STARTER' });
  const admin = { email: `admin-${slug}@example.test`, password: `pw-${randomUUID()}` };
  await superadmin.auth.users.create({ ...admin, role: 'ADMIN', tenantId: tenant.id });
  const key = await superadmin.auth.apiKeys.create({ name: 'sdk', role: 'ADMIN', tenantId: tenant.id });
  const machine = await superadmin.auth.machineClients.create({
    name: 'sdk-ingest',
    scopes: ['ANALYTICS_INGEST', 'ANALYTICS_READ', 'CRM_READ'],
    tenantId: tenant.id,
  });
  await superadmin.logout();
  return {
    tenantId: tenant.id,
    admin,
    apiKey: key.secret,
    machine: { clientId: machine.machineClient.clientId, clientSecret: machine.clientSecret },
  };
}
