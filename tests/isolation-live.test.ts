import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCustomer } from './support/crm-api.ts';
import { endingOf, record, type Transport } from './support/live-clients.ts';

/**
 * The live fields from the attacker's side: tenant A's ADMIN and CLIENT subscribe with B's tenant id
 * and to every event while B changes; nothing of B may arrive. Each stream is proven live by A's own
 * change arriving after B's.
 */
const everyEvent = 'subscription E($tenantId: ID) { domainEvents(tenantId: $tenantId) { id tenantId entityId type } }';
const figures = 'subscription F($tenantId: ID!) { tenantFigures(tenantId: $tenantId) { id crm { totalCustomers } } }';

let a: TenantActors;
let b: TenantActors;
beforeAll(async () => {
  const superToken = await superadminToken();
  [a, b] = await Promise.all([
    createTenantWithUsers(superToken, 'live-a'),
    createTenantWithUsers(superToken, 'live-b'),
  ]);
});

describe.each<Transport>(['ws', 'sse'])('over %s', (transport) => {
  describe.each(['admin', 'client'] as const)("tenant A's %s", (role) => {
    const token = () => a[role].token;

    it("is refused B's figures and B's events (FORBIDDEN)", async () => {
      const foreignFigures = record(transport, bearer(token()), figures, { tenantId: b.tenant.id });
      expect(await endingOf(foreignFigures)).toContain('FORBIDDEN');
      foreignFigures.stop();
      const foreignEvents = record(transport, bearer(token()), everyEvent, { tenantId: b.tenant.id });
      expect(await endingOf(foreignEvents)).toContain('FORBIDDEN');
      foreignEvents.stop();
    });

    it('subscribed to every event, receives none of B while B changes', async () => {
      const stream = record(transport, bearer(token()), everyEvent);
      try {
        // A first change of A's proves the stream listens; B's changes follow, then A's last one.
        const probe = async () => (await createCustomer(as(a.admin.token))).id as string;
        const first = await probe();
        await stream.waitFor((result) => (result.data?.domainEvents as { entityId?: string })?.entityId === first);
        await createCustomer(as(b.admin.token));
        await createCustomer(as(b.client.token));
        const last = await probe();
        await stream.waitFor((result) => (result.data?.domainEvents as { entityId?: string })?.entityId === last);
        const tenants = stream.results.map(
          (result) => (result.data?.domainEvents as { tenantId?: string } | undefined)?.tenantId,
        );
        expect(new Set(tenants)).toEqual(new Set([a.tenant.id]));
      } finally {
        stream.stop();
      }
    });
  });
});
