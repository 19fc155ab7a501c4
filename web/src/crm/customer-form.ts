import { z } from 'zod';
import type { CreateCustomerInput, CustomerStatus, UpdateCustomerInput } from '../generated/operations.ts';

/** What the form sends: fits both `CreateCustomerInput` and `UpdateCustomerInput`. */
export type CustomerInput = Required<
  Pick<CreateCustomerInput & UpdateCustomerInput, 'company' | 'phone' | 'source'>
> & {
  email: string;
  firstName: string;
  lastName: string;
  status: CustomerStatus;
  tags: string[];
};

/** CRM's column lengths and list limits (prisma/crm, subgraphs/crm/src/validation.ts), checked before sending. */
export const customerLimits = {
  email: 254,
  firstName: 200,
  lastName: 200,
  company: 200,
  phone: 64,
  source: 100,
  tag: 50,
  tags: 50,
} as const;

export const customerStatuses = [
  'LEAD',
  'PROSPECT',
  'ACTIVE',
  'INACTIVE',
  'CHURNED',
] as const satisfies readonly CustomerStatus[];

const maxText = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const requiredText = (max: number) => maxText(max).min(1, 'Required');

/** Tags typed as one comma-separated text: trimmed, empty parts dropped, duplicates dropped. */
export const parseTags = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  ),
];

const tagsText = z.string().superRefine((text, context) => {
  const tags = parseTags(text);
  if (tags.length > customerLimits.tags)
    context.addIssue({ code: 'custom', message: `At most ${customerLimits.tags} tags` });
  const long = tags.find((tag) => tag.length > customerLimits.tag);
  if (long)
    context.addIssue({
      code: 'custom',
      message: `Tag "${long.slice(0, 20)}…" is over ${customerLimits.tag} characters`,
    });
});

/** The customer form: every value is the text of its input, as the browser holds it. */
export const customerFormSchema = z.object({
  email: requiredText(customerLimits.email).pipe(z.email('Enter an email address')),
  firstName: requiredText(customerLimits.firstName),
  lastName: requiredText(customerLimits.lastName),
  company: maxText(customerLimits.company),
  phone: maxText(customerLimits.phone).regex(/^$|^\+?[0-9 ().\-/]{3,40}(?: ?(?:x|ext\.?) ?[0-9]{1,6})?$/i, {
    message: 'Digits, spaces and + - . / ( ), with an optional extension',
  }),
  status: z.enum(customerStatuses),
  source: maxText(customerLimits.source),
  tags: tagsText,
});

export type CustomerFormValues = z.input<typeof customerFormSchema>;

export const emptyCustomerForm: CustomerFormValues = {
  email: '',
  firstName: '',
  lastName: '',
  company: '',
  phone: '',
  status: 'ACTIVE',
  source: '',
  tags: '',
};

interface CustomerLike {
  email: string;
  firstName: string;
  lastName: string;
  company?: string | null;
  phone?: string | null;
  status: CustomerStatus;
  source?: string | null;
  tags: readonly string[];
}

/** A stored customer as form values (null becomes an empty input). */
export const customerFormValues = (customer: CustomerLike): CustomerFormValues => ({
  email: customer.email,
  firstName: customer.firstName,
  lastName: customer.lastName,
  company: customer.company ?? '',
  phone: customer.phone ?? '',
  status: customer.status,
  source: customer.source ?? '',
  tags: customer.tags.join(', '),
});

/** Valid form values as the API's input; an empty optional input is sent as null, which clears it. */
export function customerInput(values: z.output<typeof customerFormSchema>): CustomerInput {
  const optional = (text: string) => (text === '' ? null : text);
  return {
    email: values.email,
    firstName: values.firstName,
    lastName: values.lastName,
    company: optional(values.company),
    phone: optional(values.phone),
    status: values.status,
    source: optional(values.source),
    tags: parseTags(values.tags),
  };
}
