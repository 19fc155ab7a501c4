import { z } from 'zod';
import { slugPattern } from './content-type-form.ts';

/** CMS page columns (prisma/cms): title 300, slug 120 characters. */
export const pageLimits = { title: 300, slug: 120 } as const;

export const pageFormSchema = z.object({
  title: z.string().trim().min(1, 'Required').max(pageLimits.title, `At most ${pageLimits.title} characters`),
  slug: z
    .string()
    .trim()
    .max(pageLimits.slug, `At most ${pageLimits.slug} characters`)
    .regex(slugPattern, 'Lower-case letters, digits and single hyphens'),
  parentId: z.string(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
});

export type PageFormValues = z.input<typeof pageFormSchema>;
export const emptyPageForm: PageFormValues = { title: '', slug: '', parentId: '', status: 'DRAFT' };
