import { hash } from '@node-rs/argon2';
import { allTenants, demoId, demoSampleTenants, demoTenant, demoUsers } from '@codex/kit';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';

/**
 * Demo data of the embedded mode: tenants, the superadmin `test`, the demo ADMIN and CLIENT.
 * Idempotent and safe to run concurrently: fixed ids and INSERT … ON CONFLICT DO NOTHING, so an
 * existing row (e.g. a changed password) is never overwritten.
 */
export async function seedAuthDemo(unscoped: AuthDatabase): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeAuthDatabase(unscoped, allTenants);
  await db.tenant.createMany({
    data: [
      { ...demoTenant, status: 'ACTIVE', planTier: 'PROFESSIONAL' },
      { ...demoSampleTenants[0], status: 'ACTIVE', planTier: 'ENTERPRISE' },
      { ...demoSampleTenants[1], status: 'TRIAL', planTier: 'STARTER' },
    ],
    skipDuplicates: true,
  });

  const existing = new Set(
    (await db.user.findMany({ select: { id: true }, where: { id: { in: seededUserIds() } } })).map((user) => user.id),
  );
  const users = await Promise.all(
    demoUserRows()
      .filter((user) => !existing.has(user.id))
      .map(async ({ password, ...user }) => ({
        ...user,
        passwordHash: await hash(password), // @node-rs/argon2 defaults to argon2id
      })),
  );
  if (users.length > 0) await db.user.createMany({ data: users, skipDuplicates: true });

  await db.role.createMany({
    data: [
      {
        id: demoId('auth.role.demo.editor'),
        tenantId: demoTenant.id,
        name: 'Content editor',
        permissions: { cms: ['read', 'write'], crm: ['read'] },
      },
      {
        id: demoId('auth.role.demo.sales'),
        tenantId: demoTenant.id,
        name: 'Sales',
        permissions: { crm: ['read', 'write'], billing: ['read'] },
      },
    ],
    skipDuplicates: true,
  });
  await db.userRoleGrant.createMany({
    data: [
      {
        id: demoId('auth.grant.john.sales'),
        tenantId: demoTenant.id,
        userId: demoUsers.client.id,
        roleId: demoId('auth.role.demo.sales'),
        grantedById: demoUsers.admin.id,
      },
    ],
    skipDuplicates: true,
  });
  await db.authEvent.createMany({
    data: demoUserRows().map((user, index) => ({
      id: demoId(`auth.event.login.${user.id}`),
      tenantId: user.tenantId,
      userId: user.id,
      type: 'LOGIN' as const,
      email: user.email,
      ip: '127.0.0.1',
      userAgent: 'codex-demo-seed',
      createdAt: new Date(Date.UTC(2025, 0, 1 + index)),
    })),
    skipDuplicates: true,
  });
}

function demoUserRows() {
  const { superadmin, admin, client } = demoUsers;
  const sample = demoSampleTenants.map((tenant) => ({
    id: demoId(`auth.user.${tenant.slug}.admin`),
    tenantId: tenant.id,
    email: `admin@${tenant.slug}.example`,
    username: null,
    password: 'demo123',
    role: 'ADMIN' as const,
    firstName: 'Admin',
    lastName: tenant.name,
  }));
  return [
    {
      id: superadmin.id,
      tenantId: null,
      email: superadmin.email,
      username: superadmin.username,
      password: superadmin.password,
      role: superadmin.role,
      firstName: 'Platform',
      lastName: 'Operator',
    },
    {
      id: admin.id,
      tenantId: demoTenant.id,
      email: admin.email,
      username: null,
      password: admin.password,
      role: admin.role,
      firstName: 'Jane',
      lastName: 'Smith',
    },
    {
      id: client.id,
      tenantId: demoTenant.id,
      email: client.email,
      username: null,
      password: client.password,
      role: client.role,
      firstName: 'John',
      lastName: 'Doe',
    },
    ...sample,
  ].map((user) => ({ ...user, active: true, emailVerified: true }));
}

function seededUserIds() {
  return demoUserRows().map((user) => user.id);
}
