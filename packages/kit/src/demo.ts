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
