import { hash } from '@node-rs/argon2';
import type pg from 'pg';
import { copyRows, type CopyValue } from './copy.ts';
import { daysBefore, iso, seedPassword, userCount, userId, type ScalePlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { randomFor } from './random.ts';

/** Children first: the order --reset deletes in. */
export const authTables = ['users', 'tenants'] as const;

const tiers = ['FREE', 'STARTER', 'PROFESSIONAL', 'ENTERPRISE'] as const;

/**
 * argon2id with @node-rs/argon2's default cost, exactly what Auth's hashPassword does, so every
 * seeded user can log in with `scale123`. Hashed once (argon2 is slow on purpose) with a fixed salt,
 * so two runs store the same hash.
 */
const seedPasswordHash = () => hash(seedPassword, { salt: new TextEncoder().encode('codex-scale-seed') });

function* tenantRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const created = iso(daysBefore(plan.anchor, 1000 - (tenant.index % 900)));
    const tier = tiers[Math.min(3, Math.floor(Math.log10(tenant.customers + 1)))]!;
    yield [tenant.id, tenant.slug, `Scale Tenant ${tenant.index + 1}`, 'ACTIVE', tier, created, created];
  }
}

function* userRows(plan: ScalePlan, passwordHash: string): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const random = randomFor('users', tenant.index);
    for (let row = 0; row < userCount(tenant); row += 1) {
      const role = row === 0 ? 'ADMIN' : 'CLIENT';
      const local = row === 0 ? 'admin' : `client${row}`;
      const created = iso(daysBefore(plan.anchor, 30 + random.int(700)));
      yield [
        userId(tenant, row),
        tenant.id,
        `${local}@${tenant.slug}.example.com`,
        passwordHash,
        role,
        role === 'ADMIN' ? 'Ada' : 'Cleo',
        `${tenant.slug} ${local}`,
        true,
        true,
        created,
        created,
      ];
    }
  }
}

export async function seedAuth(client: pg.Client, plan: ScalePlan, progress: Progress): Promise<void> {
  await copyRows(
    client,
    'tenants',
    ['id', 'slug', 'name', 'status', 'plan_tier', 'created_at', 'updated_at'],
    tenantRows(plan),
    progress,
  );
  const passwordHash = await seedPasswordHash();
  await copyRows(
    client,
    'users',
    [
      'id',
      'tenant_id',
      'email',
      'password_hash',
      'role',
      'first_name',
      'last_name',
      'active',
      'email_verified',
      'created_at',
      'updated_at',
    ],
    userRows(plan, passwordHash),
    progress,
  );
}
