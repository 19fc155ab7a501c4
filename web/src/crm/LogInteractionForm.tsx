import { useMutation } from '@apollo/client/react';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { enumLabel } from '../ui/format.ts';
import { useApiForm } from '../ui/use-api-form.ts';
import { useToast } from '../ui/Toast.tsx';
import { customerDetailQuery, logInteractionMutation } from './customer-operations.ts';
import { emptyInteractionForm, interactionFormSchema, interactionTypes } from './interaction-form.ts';

const typeOptions = interactionTypes.map((type) => ({ value: type, label: enumLabel(type) }));

/** Logs a call, email, meeting or note with the customer; the timeline shows it at once. */
export function LogInteractionForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const toast = useToast();
  const { form, panel } = useApiForm({
    schema: interactionFormSchema,
    defaultValues: emptyInteractionForm,
    fields: ['type', 'subject', 'body'],
    save: async (values) => {
      const now = new Date().toISOString();
      await logInteraction({
        variables: {
          input: { customerId, type: values.type, subject: values.subject || null, body: values.body || null },
        },
        optimisticResponse: {
          __typename: 'Mutation',
          logInteraction: {
            __typename: 'Interaction',
            id: `optimistic-${now}`,
            type: values.type,
            subject: values.subject || null,
            body: values.body || null,
            scheduledAt: null,
            completedAt: now,
            createdAt: now,
          },
        },
        update: (cache, { data }) => {
          const logged = data?.logInteraction;
          if (!logged) return;
          cache.updateQuery({ query: customerDetailQuery, variables: { id: customerId } }, (detail) =>
            detail?.customer
              ? { ...detail, customer: { ...detail.customer, interactions: [logged, ...detail.customer.interactions] } }
              : detail,
          );
        },
      });
      toast('Interaction logged');
      onDone();
    },
  });
  const [logInteraction] = useMutation(logInteractionMutation);
  return (
    <FormPanel title="Log an interaction" submitLabel="Log interaction" {...panel} onCancel={onDone}>
      <SelectField form={form} name="type" label="Type" options={typeOptions} />
      <TextField form={form} name="subject" label="Subject" />
      <TextField form={form} name="body" label="Note" />
    </FormPanel>
  );
}
