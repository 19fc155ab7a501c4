import { describe, expect, it } from 'vitest';
import { dueDateAfter, dunningStepDue, nextPeriod, subscriptionStepDue, type ClockedSubscription } from './schedule.ts';

const at = (iso: string) => new Date(iso);

const active: ClockedSubscription = {
  status: 'ACTIVE',
  trialEnd: null,
  currentPeriodStart: at('2027-01-01T00:00:00Z'),
  currentPeriodEnd: at('2027-02-01T00:00:00Z'),
  cancelAtPeriodEnd: false,
  firstInvoiceDue: false,
};

describe('subscriptionStepDue', () => {
  it('invoices a first period once it has started, before anything else of the subscription', () => {
    const fresh = { ...active, firstInvoiceDue: true };
    expect(subscriptionStepDue(fresh, at('2026-12-31T23:59:59Z'))).toBeNull();
    expect(subscriptionStepDue(fresh, at('2027-01-01T00:00:00Z'))).toBe('first-invoice');
    expect(subscriptionStepDue(fresh, at('2027-03-01T00:00:00Z'))).toBe('first-invoice');
    expect(subscriptionStepDue({ ...fresh, status: 'CANCELLED' }, at('2027-01-02T00:00:00Z'))).toBeNull();
  });

  it('renews an active or past-due subscription once its period has ended, not before', () => {
    expect(subscriptionStepDue(active, at('2027-01-31T23:59:59Z'))).toBeNull();
    expect(subscriptionStepDue(active, at('2027-02-01T00:00:00Z'))).toBe('renew');
    expect(subscriptionStepDue({ ...active, status: 'PAST_DUE' }, at('2027-02-02T00:00:00Z'))).toBe('renew');
  });

  it('cancels instead of renewing when the cancellation was scheduled for the period end', () => {
    expect(subscriptionStepDue({ ...active, cancelAtPeriodEnd: true }, at('2027-02-01T00:00:00Z'))).toBe('cancel');
  });

  it('ends a trial at its end, whatever the period says', () => {
    const trialing = { ...active, status: 'TRIALING' as const, trialEnd: at('2027-01-15T00:00:00Z') };
    expect(subscriptionStepDue(trialing, at('2027-01-14T00:00:00Z'))).toBeNull();
    expect(subscriptionStepDue(trialing, at('2027-01-15T00:00:00Z'))).toBe('end-trial');
  });

  it('leaves cancelled subscriptions alone', () => {
    const later = at('2030-01-01T00:00:00Z');
    expect(subscriptionStepDue({ ...active, status: 'CANCELLED' }, later)).toBeNull();
  });
});

describe('nextPeriod and dueDateAfter', () => {
  it('starts the next period at the old end and keeps calendar months (Jan 31 → Feb 28)', () => {
    const period = nextPeriod(at('2027-01-31T00:00:00Z'), { interval: 'MONTH', intervalCount: 1 });
    expect(period.start.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(period.end.toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(nextPeriod(period.end, { interval: 'YEAR', intervalCount: 1 }).end.toISOString()).toBe(
      '2028-02-28T00:00:00.000Z',
    );
  });

  it('dates the due date from the billed boundary', () => {
    expect(dueDateAfter(at('2027-02-01T00:00:00Z'), 30).toISOString()).toBe('2027-03-03T00:00:00.000Z');
  });
});

describe('dunningStepDue', () => {
  const due = at('2027-03-01T00:00:00Z');
  const policy = { reminderDays: [1, 3, 7], finalAfterDays: 14 };
  const day = (n: number) => new Date(due.getTime() + n * 86_400_000);

  it('sends each reminder on its day, once', () => {
    expect(dunningStepDue(due, policy, new Set(), day(0.5))).toBeNull();
    expect(dunningStepDue(due, policy, new Set(), day(1))).toBe(1);
    expect(dunningStepDue(due, policy, new Set([1]), day(2))).toBeNull();
    expect(dunningStepDue(due, policy, new Set([1]), day(3))).toBe(2);
    expect(dunningStepDue(due, policy, new Set([1, 2]), day(7))).toBe(3);
    expect(dunningStepDue(due, policy, new Set([1, 2, 3]), day(13))).toBeNull();
  });

  it('takes the final action after finalAfterDays, once', () => {
    expect(dunningStepDue(due, policy, new Set([1, 2, 3]), day(14))).toBe(0);
    expect(dunningStepDue(due, policy, new Set([0, 1, 2, 3]), day(20))).toBeNull();
  });

  it('sends only the latest missed reminder after a stop, and reads unsorted days', () => {
    expect(dunningStepDue(due, { reminderDays: [7, 1, 3], finalAfterDays: 14 }, new Set(), day(8))).toBe(3);
    expect(dunningStepDue(due, policy, new Set([3]), day(8))).toBeNull();
  });

  it('goes straight to the final action with no reminders configured', () => {
    const none = { reminderDays: [], finalAfterDays: 2 };
    expect(dunningStepDue(due, none, new Set(), day(1))).toBeNull();
    expect(dunningStepDue(due, none, new Set(), day(2))).toBe(0);
  });
});
