import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import type { LeadCardFragment } from '../generated/operations.ts';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { useApiForm } from '../ui/use-api-form.ts';
import { useToast } from '../ui/Toast.tsx';
import { emptyLeadForm, leadFormSchema, leadInput } from './lead-form.ts';
import { createLeadMutation } from './pipeline-operations.ts';

export interface StageOption {
  value: string;
  label: string;
}

/**
 * A new lead in one of `stages` (its pipeline follows from the stage), for `customerId` when given.
 * `onCreated` puts the lead into the cached list the screen shows.
 */
export function NewLeadForm({
  stages,
  customerId,
  onCreated,
  onDone,
}: {
  stages: readonly StageOption[];
  customerId?: string;
  onCreated: (cache: ApolloCache, lead: LeadCardFragment) => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const [createLead] = useMutation(createLeadMutation);
  const { form, panel } = useApiForm({
    schema: leadFormSchema,
    defaultValues: emptyLeadForm(stages[0]?.value ?? ''),
    fields: ['title', 'value', 'currency', 'stageId'],
    save: async (values) => {
      await createLead({
        variables: { input: leadInput(values, customerId) },
        update: (cache, { data }) => {
          if (data) onCreated(cache, data.createLead);
        },
      });
      toast(`Lead ${values.title} created`);
      onDone();
    },
  });
  return (
    <FormPanel title="New lead" submitLabel="Create lead" {...panel} onCancel={onDone}>
      <TextField form={form} name="title" label="Title" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="value" label="Value" inputMode="decimal" />
        <TextField form={form} name="currency" label="Currency" maxLength={3} />
      </div>
      <SelectField form={form} name="stageId" label="Stage" options={stages} />
    </FormPanel>
  );
}
