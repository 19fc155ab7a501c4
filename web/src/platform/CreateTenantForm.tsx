import { useMutation } from '@apollo/client/react';
import { z } from 'zod';
import { appendToConnection } from '../ui/connection-cache.ts';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { enumLabel } from '../ui/format.ts';
import { useToast } from '../ui/Toast.tsx';
import { useMutationForm } from '../ui/use-mutation-form.ts';
import { createTenantMutation } from './TenantOperations.ts';

const planTiers = ['FREE', 'STARTER', 'PROFESSIONAL', 'ENTERPRISE'] as const;

// The same rules as Auth's createTenant, so most mistakes are caught before a round trip.
const tenantSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{3,63}$/, 'Use 3–63 lower-case letters, digits and dashes'),
  name: z.string().trim().min(1, 'Give the tenant a name').max(200, 'At most 200 characters'),
  planTier: z.enum(planTiers),
});

export function CreateTenantForm({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [createTenant] = useMutation(createTenantMutation);
  const { form, onSubmit, errors, submitting } = useMutationForm<z.infer<typeof tenantSchema>>({
    schema: tenantSchema,
    defaultValues: { slug: '', name: '', planTier: 'STARTER' },
    submit: async (input) => {
      await createTenant({
        variables: { input },
        update: (cache, { data }) => appendToConnection(cache, 'tenants', data?.createTenant, 'TenantEdge'),
      });
      toast(`Tenant ${input.name} created`);
      onDone();
    },
  });
  return (
    <FormPanel title="New tenant" submitLabel="Create tenant" {...{ onSubmit, errors, submitting }} onCancel={onDone}>
      <TextField form={form} name="name" label="Name" autoComplete="off" />
      <TextField form={form} name="slug" label="Slug" hint="Lower-case letters, digits and dashes; unique." />
      <SelectField
        form={form}
        name="planTier"
        label="Plan"
        options={planTiers.map((tier) => ({ value: tier, label: enumLabel(tier) }))}
      />
    </FormPanel>
  );
}
