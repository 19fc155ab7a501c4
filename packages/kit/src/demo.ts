import { createHash } from 'node:crypto';

/**
 * Fixed identities of the embedded/demo mode. Every subgraph seeds its demo rows against these
 * ids so the databases agree without talking to each other. Never used in a production start:
 * seeding runs only when SEED_DEMO=true, which only the embedded default sets.
 */
export const demoTenant = {
  id: '00000000-0000-4000-8000-00000000d3e0',
  slug: 'demo',
  name: 'Demo Company',
} as const;

export const demoUsers = {
  superadmin: {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'test',
    email: 'test@codex.local',
    password: 'test123',
    role: 'SUPERADMIN',
  },
  admin: {
    id: '00000000-0000-4000-8000-000000000002',
    email: 'jane.smith@demo.com',
    password: 'demo123',
    role: 'ADMIN',
  },
  client: {
    id: '00000000-0000-4000-8000-000000000003',
    email: 'john.doe@demo.com',
    password: 'demo123',
    role: 'CLIENT',
  },
} as const;

/** Further sample tenants of the demo mode, so tenant lists and platform figures show several. */
export const demoSampleTenants = [
  { id: '00000000-0000-4000-8000-00000000ac3e', slug: 'acme', name: 'Acme Corporation' },
  { id: '00000000-0000-4000-8000-0000000061be', slug: 'globex', name: 'Globex Industries' },
] as const;

/**
 * Stable UUID for a demo row, derived from a key such as `crm.customer.demo.3`, so seeds are
 * idempotent and subgraphs agree on ids (a subscription's customer is a CRM customer) without
 * importing each other.
 */
export function demoId(key: string): string {
  const hex = createHash('sha1').update(`codex-demo:${key}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Number of demo customers the CRM seeds per tenant; their ids are `demoCustomerId(tenantId, i)`. */
export const demoCustomerCount = { demo: 20, sample: 4 } as const;

export function demoCustomerId(tenantId: string, index: number): string {
  return demoId(`crm.customer.${tenantId}.${index}`);
}
