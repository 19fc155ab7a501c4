import { z } from 'zod';
import type { InteractionType } from '../generated/operations.ts';

/** CRM's interaction columns (prisma/crm): subject 300, body 20,000 characters. */
export const interactionLimits = { subject: 300, body: 20_000 } as const;
export const interactionTypes = ['NOTE', 'CALL', 'EMAIL', 'MEETING'] as const satisfies readonly InteractionType[];

export const interactionFormSchema = z
  .object({
    type: z.enum(interactionTypes),
    subject: z.string().trim().max(interactionLimits.subject, `At most ${interactionLimits.subject} characters`),
    body: z.string().trim().max(interactionLimits.body, `At most ${interactionLimits.body} characters`),
  })
  .refine((values) => values.subject !== '' || values.body !== '', {
    path: ['subject'],
    message: 'Write a subject or a note',
  });

export type InteractionFormValues = z.input<typeof interactionFormSchema>;
export const emptyInteractionForm: InteractionFormValues = { type: 'NOTE', subject: '', body: '' };
