import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, createCrmCustomer, createPlan, dataOf, subscribe } from './support/billing-fixture.ts';
import { connectDatabases } from './support/databases.ts';
import { errorCode } from './support/expectations.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

let superToken: string;
let a: TenantActors;
let plan: { id: string };
beforeAll(async () => {
  superToken = await superadminToken();
  a = await createTenantWithUsers(superToken, 'bill-docs-coupon');
  plan = await createPlan(superToken, a.tenant.id, { amount: '50.0000' });
});

const couponFields =
  'id code kind percentOff amountOff currency duration durationPeriods maxRedemptions timesRedeemed active';
const createCoupon = /* GraphQL */ `mutation ($input: CreateCouponInput!) { createCoupon(input: $input) { ${couponFields} } }`;
const applyCoupon = /* GraphQL */ `mutation ($id: ID!, $code: String!) {
  applyCoupon(subscriptionId: $id, code: $code) { id periodsRemaining endedAt coupon { code timesRedeemed } }
}`;
const removeCoupon = /* GraphQL */ `mutation ($id: ID!) { removeCoupon(id: $id) { id endedAt } }`;

async function coupon(input: Record<string, unknown>) {
  const code = `C${randomUUID().slice(0, 8)}`.toUpperCase();
  const created = dataOf(
    await as(superToken, createCoupon, {
      input: { code, name: `Coupon ${code}`, tenantId: a.tenant.id, ...input },
    }),
  ).createCoupon as Record<string, unknown>;
  return { ...created, code } as Record<string, unknown> & { id: string; code: string };
}

const newSubscription = async () =>
  subscribe(a.admin.token, { customerId: await createCrmCustomer(db, a.tenant.id), planId: plan.id });
const apply = (subscriptionId: string, code: string) => as(a.admin.token, applyCoupon, { id: subscriptionId, code });

describe('coupons', () => {
  it.each([
    ['ONCE', { duration: 'ONCE' }, 1],
    ['REPEATING 3', { duration: 'REPEATING', durationPeriods: 3 }, 3],
    ['FOREVER', { duration: 'FOREVER' }, null],
  ])('%s: an applied coupon discounts that many invoices', async (_name, duration, periods) => {
    const created = await coupon({ kind: 'PERCENTAGE', percentOff: '20', ...duration });
    const subscription = await newSubscription();
    const applied = dataOf(await apply(subscription.id, String(created.code).toLowerCase())).applyCoupon;
    expect(applied).toMatchObject({ periodsRemaining: periods, endedAt: null, coupon: { timesRedeemed: 1 } });
    const held = dataOf(
      await as(a.client.token, `query ($id: ID!) { subscription(id: $id) { appliedCoupons { id } } }`, {
        id: subscription.id,
      }),
    ).subscription;
    expect(held).toEqual({ appliedCoupons: [{ id: (applied as { id: string }).id }] });
  });

  it('a limit of 2 admits exactly 2 of 5 concurrent redemptions', async () => {
    const created = await coupon({
      kind: 'FIXED_AMOUNT',
      amountOff: '5',
      currency: 'USD',
      duration: 'ONCE',
      maxRedemptions: 2,
    });
    const subscriptions = await Promise.all(Array.from({ length: 5 }, newSubscription));
    const answers = await Promise.all(
      subscriptions.map((subscription) => apply(subscription.id, String(created.code))),
    );
    const codes = answers.map((answer) => (answer.body.errors ? errorCode(answer.body) : 'OK')).sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'OK', 'OK']);
    const row = await db.billing.coupon.findUniqueOrThrow({ where: { id: String(created.id) } });
    expect(row.timesRedeemed).toBe(2);
    expect(await db.billing.appliedCoupon.count({ where: { couponId: row.id } })).toBe(2);
  });

  it('an expired, archived or other-currency coupon is refused on `code`, and nothing is written', async () => {
    const expired = await coupon({
      kind: 'PERCENTAGE',
      percentOff: '10',
      duration: 'ONCE',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    await db.billing.coupon.update({
      where: { id: String(expired.id) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const archived = await coupon({ kind: 'PERCENTAGE', percentOff: '10', duration: 'ONCE' });
    dataOf(await as(superToken, `mutation { archiveCoupon(id: "${archived.id}") { id } }`));
    const euros = await coupon({ kind: 'FIXED_AMOUNT', amountOff: '5', currency: 'EUR', duration: 'FOREVER' });
    const subscription = await newSubscription();
    for (const refused of [expired, archived, euros]) {
      const { body } = await apply(subscription.id, String(refused.code));
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    }
    expect(await db.billing.appliedCoupon.count({ where: { subscriptionId: subscription.id } })).toBe(0);
    const counts = await db.billing.coupon.findMany({
      where: { id: { in: [expired, archived, euros].map((row) => String(row.id)) } },
      select: { timesRedeemed: true },
    });
    expect(counts.map((row) => row.timesRedeemed)).toEqual([0, 0, 0]);
  });

  it('is held once at a time, can be removed, and keeps its redemption counted', async () => {
    const created = await coupon({ kind: 'PERCENTAGE', percentOff: '15', duration: 'FOREVER' });
    const subscription = await newSubscription();
    const applied = dataOf(await apply(subscription.id, String(created.code))).applyCoupon as { id: string };
    expect(errorCode((await apply(subscription.id, String(created.code))).body)).toBe('CONFLICT');
    const removed = dataOf(await as(a.admin.token, removeCoupon, { id: applied.id })).removeCoupon as {
      endedAt: string;
    };
    expect(removed.endedAt).not.toBeNull();
    const row = await db.billing.coupon.findUniqueOrThrow({ where: { id: String(created.id) } });
    expect(row.timesRedeemed).toBe(1);
  });

  it('refuses bad coupons, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'PERCENTAGE', duration: 'ONCE' }, 'input.percentOff'],
      [{ kind: 'PERCENTAGE', percentOff: '101', duration: 'ONCE' }, 'input.percentOff'],
      [{ kind: 'FIXED_AMOUNT', amountOff: '5', duration: 'ONCE' }, 'input.currency'],
      [{ kind: 'PERCENTAGE', percentOff: '5', duration: 'REPEATING' }, 'input.durationPeriods'],
      [{ kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE', expiresAt: '2020-01-01T00:00:00Z' }, 'input.expiresAt'],
    ];
    for (const [input, field] of cases) {
      const { body } = await as(superToken, createCoupon, {
        input: { code: `BAD${randomUUID().slice(0, 6)}`, name: 'Bad', tenantId: a.tenant.id, ...input },
      });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(
      errorCode(
        (
          await as(a.admin.token, createCoupon, {
            input: { code: 'X', name: 'X', kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE' },
          })
        ).body,
      ),
    ).toBe('FORBIDDEN');
  });
});
