import { z } from 'zod';
import type { CreateLeadInput } from '../generated/operations.ts';

/** CRM's lead columns (prisma/crm): title 200 characters, value decimal(19, 4), an ISO currency code. */
export const leadLimits = { title: 200 } as const;

export const leadFormSchema = z.object({
  title: z.string().trim().min(1, 'Required').max(leadLimits.title, `At most ${leadLimits.title} characters`),
  value: z
    .string()
    .trim()
    .regex(/^\d{1,15}(\.\d{1,4})?$/, 'An amount such as 1200 or 99.50'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'A three-letter code such as EUR')
    .transform((code) => code.toUpperCase()),
  stageId: z.string().min(1, 'Required'),
});

export type LeadFormValues = z.input<typeof leadFormSchema>;

export const emptyLeadForm = (stageId: string): LeadFormValues => ({ title: '', value: '0', currency: 'EUR', stageId });

/** The API input for a new lead in the chosen stage (its pipeline follows), optionally for a customer. */
export const leadInput = (values: z.output<typeof leadFormSchema>, customerId?: string): CreateLeadInput => ({
  title: values.title,
  value: values.value,
  currency: values.currency,
  stageId: values.stageId,
  ...(customerId ? { customerId } : {}),
});
