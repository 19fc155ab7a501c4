import type { ErrorLike } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { customersListQuery } from '../crm/customer-operations.ts';
import type { ApiErrorLine } from '../ui/api-errors.ts';
import { appendToConnection } from '../ui/connection-cache.ts';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { placeServerErrors } from '../ui/server-errors.ts';
import { useToast } from '../ui/Toast.tsx';
import { plansQuery, subscribeCustomerMutation } from './billing-operations.ts';
import { formatPrice } from './money.ts';
import {
  emptySubscribeForm,
  type SubscribeFormValues,
  subscribeFormSchema,
  subscribeInput,
} from './subscription-form.ts';

/** Subscribes one of the tenant's customers to an active plan (ADMIN). */
export function SubscribeForm({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const customers = useQuery(customersListQuery, {
    variables: { first: 100, orderBy: { field: 'LAST_NAME', direction: 'ASC' } },
  });
  const plans = useQuery(plansQuery);
  const [subscribe] = useMutation(subscribeCustomerMutation);
  const form = useForm<SubscribeFormValues, unknown, z.output<typeof subscribeFormSchema>>({
    resolver: zodResolver(subscribeFormSchema),
    defaultValues: emptySubscribeForm,
  });
  const [unplaced, setUnplaced] = useState<ApiErrorLine[]>([]);
  const customerOptions = [
    { value: '', label: customers.loading ? 'Loading customers…' : 'Choose a customer' },
    ...(customers.data?.customers.edges ?? []).map(({ node }) => ({
      value: node.id,
      label: `${node.lastName}, ${node.firstName} (${node.email})`,
    })),
  ];
  const planOptions = [
    { value: '', label: plans.loading ? 'Loading plans…' : 'Choose a plan' },
    ...(plans.data?.plans.edges ?? [])
      .filter(({ node }) => node.active)
      .map(({ node }) => ({ value: node.id, label: `${node.name} · ${formatPrice(node)}` })),
  ];
  const submit = form.handleSubmit(async (values) => {
    setUnplaced([]);
    try {
      await subscribe({
        variables: { input: subscribeInput(values) },
        update: (cache, { data }) => {
          if (data) appendToConnection(cache, 'subscriptions', data.subscribeCustomer, 'SubscriptionEdge', 'start');
        },
      });
      toast('Customer subscribed');
      onDone();
    } catch (error) {
      setUnplaced(
        placeServerErrors(error as ErrorLike, form.setError, ['customerId', 'planId', 'quantity', 'trialDays']),
      );
    }
  });
  return (
    <FormPanel
      title="Subscribe a customer"
      submitLabel="Subscribe"
      submitting={form.formState.isSubmitting}
      errors={unplaced}
      onSubmit={submit}
      onCancel={onDone}
    >
      <SelectField form={form} name="customerId" label="Customer" options={customerOptions} />
      <SelectField form={form} name="planId" label="Plan" options={planOptions} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="quantity" label="Seats" inputMode="numeric" />
        <TextField form={form} name="trialDays" label="Trial days" inputMode="numeric" hint="Empty: the plan's trial" />
      </div>
    </FormPanel>
  );
}
