import { useMutation, useQuery } from '@apollo/client/react';
import { customersListQuery } from '../crm/customer-operations.ts';
import { appendToConnection } from '../ui/connection-cache.ts';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { useApiForm } from '../ui/use-api-form.ts';
import { useToast } from '../ui/Toast.tsx';
import { plansQuery, subscribeCustomerMutation } from './billing-operations.ts';
import { formatPrice } from './money.ts';
import { emptySubscribeForm, subscribeFormSchema, subscribeInput } from './subscription-form.ts';

/** Subscribes one of the tenant's customers to an active plan (ADMIN). */
export function SubscribeForm({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const customers = useQuery(customersListQuery, {
    variables: { first: 100, orderBy: { field: 'LAST_NAME', direction: 'ASC' } },
  });
  const plans = useQuery(plansQuery);
  const [subscribe] = useMutation(subscribeCustomerMutation);
  const { form, panel } = useApiForm({
    schema: subscribeFormSchema,
    defaultValues: emptySubscribeForm,
    fields: ['customerId', 'planId', 'quantity', 'trialDays'],
    save: async (values) => {
      await subscribe({
        variables: { input: subscribeInput(values) },
        update: (cache, { data }) => {
          if (data) appendToConnection(cache, 'subscriptions', data.subscribeCustomer, 'SubscriptionEdge', 'start');
        },
      });
      toast('Customer subscribed');
      onDone();
    },
  });
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
  return (
    <FormPanel title="Subscribe a customer" submitLabel="Subscribe" {...panel} onCancel={onDone}>
      <SelectField form={form} name="customerId" label="Customer" options={customerOptions} />
      <SelectField form={form} name="planId" label="Plan" options={planOptions} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="quantity" label="Seats" inputMode="numeric" />
        <TextField form={form} name="trialDays" label="Trial days" inputMode="numeric" hint="Empty: the plan's trial" />
      </div>
    </FormPanel>
  );
}
