import { z } from 'zod';
import type { SubscribeCustomerInput } from '../generated/operations.ts';

/** Billing's limits (subgraphs/billing/src/validation.ts), checked before sending. */
export const subscriptionLimits = {
  quantity: { min: 1, max: 100_000 },
  trialDays: { max: 365 },
  cancelReason: 500,
} as const;

/** Whole numbers stay text in the form (as the input holds them); `subscribeInput` converts them. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'A whole number')
    .refine((text) => Number(text) >= min, `At least ${min}`)
    .refine((text) => Number(text) <= max, `At most ${max}`);

export const subscribeFormSchema = z.object({
  customerId: z.string().min(1, 'Choose a customer'),
  planId: z.string().min(1, 'Choose a plan'),
  quantity: wholeNumber(subscriptionLimits.quantity.min, subscriptionLimits.quantity.max),
  /** Empty: the plan's own trial. */
  trialDays: z.union([z.literal(''), wholeNumber(0, subscriptionLimits.trialDays.max)]),
});

export type SubscribeFormValues = z.input<typeof subscribeFormSchema>;

export const emptySubscribeForm: SubscribeFormValues = { customerId: '', planId: '', quantity: '1', trialDays: '' };

export const subscribeInput = (values: z.output<typeof subscribeFormSchema>): SubscribeCustomerInput => ({
  customerId: values.customerId,
  planId: values.planId,
  quantity: Number(values.quantity),
  ...(values.trialDays === '' ? {} : { trialDays: Number(values.trialDays) }),
});

export const cancelFormSchema = z.object({
  atPeriodEnd: z.boolean(),
  reason: z
    .string()
    .trim()
    .max(subscriptionLimits.cancelReason, `At most ${subscriptionLimits.cancelReason} characters`),
});
