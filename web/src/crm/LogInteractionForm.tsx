import type { ErrorLike } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiErrorLine } from '../ui/api-errors.ts';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { enumLabel } from '../ui/format.ts';
import { placeServerErrors } from '../ui/server-errors.ts';
import { useToast } from '../ui/Toast.tsx';
import { customerDetailQuery, logInteractionMutation } from './customer-operations.ts';
import {
  emptyInteractionForm,
  type InteractionFormValues,
  interactionFormSchema,
  interactionTypes,
} from './interaction-form.ts';

const typeOptions = interactionTypes.map((type) => ({ value: type, label: enumLabel(type) }));

/** Logs a call, email, meeting or note with the customer; the timeline shows it at once. */
export function LogInteractionForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const toast = useToast();
  const form = useForm<InteractionFormValues, unknown, z.output<typeof interactionFormSchema>>({
    resolver: zodResolver(interactionFormSchema),
    defaultValues: emptyInteractionForm,
  });
  const [unplaced, setUnplaced] = useState<ApiErrorLine[]>([]);
  const [logInteraction] = useMutation(logInteractionMutation);
  const submit = form.handleSubmit(async (values) => {
    setUnplaced([]);
    const now = new Date().toISOString();
    try {
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
    } catch (error) {
      setUnplaced(placeServerErrors(error as ErrorLike, form.setError, ['type', 'subject', 'body']));
    }
  });
  return (
    <FormPanel
      title="Log an interaction"
      submitLabel="Log interaction"
      submitting={form.formState.isSubmitting}
      errors={unplaced}
      onSubmit={submit}
      onCancel={onDone}
    >
      <SelectField form={form} name="type" label="Type" options={typeOptions} />
      <TextField form={form} name="subject" label="Subject" />
      <TextField form={form} name="body" label="Note" />
    </FormPanel>
  );
}
