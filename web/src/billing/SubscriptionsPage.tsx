import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useSignedInUser } from '../auth/session-context.ts';
import type { PlansQuery, SubscriptionRowFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog, type ConfirmRequest } from '../ui/ConfirmDialog.tsx';
import { appendPage } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { enumLabel, formatDate } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useToast } from '../ui/Toast.tsx';
import {
  cancelSubscriptionMutation,
  changeSubscriptionPlanMutation,
  plansQuery,
  subscriptionsQuery,
} from './billing-operations.ts';
import { formatPrice } from './money.ts';
import { SubscribeForm } from './SubscribeForm.tsx';

type Plan = PlansQuery['plans']['edges'][number]['node'];

function useSubscriptionActions(plans: readonly Plan[]) {
  const toast = useToast();
  const [change] = useMutation(changeSubscriptionPlanMutation);
  const [cancel] = useMutation(cancelSubscriptionMutation);
  const failed = (error: Error) => toast(`Not saved: ${error.message}`, 'error');
  return {
    change: (subscription: SubscriptionRowFragment, planId: string) => {
      const plan = plans.find((candidate) => candidate.id === planId);
      if (!plan) return;
      void change({
        variables: { id: subscription.id, planId },
        optimisticResponse: {
          __typename: 'Mutation',
          changeSubscriptionPlan: { ...subscription, plan: { ...subscription.plan, ...plan } },
        },
      }).then(
        // A downgrade waits for the period end: the answer keeps the current plan.
        (result) =>
          toast(
            result.data?.changeSubscriptionPlan.plan.id === planId
              ? `Moved to ${plan.name}`
              : `Moves to ${plan.name} at the end of the period`,
          ),
        failed,
      );
    },
    cancel: (subscription: SubscriptionRowFragment, atPeriodEnd: boolean, reason: string) =>
      void cancel({
        variables: { id: subscription.id, atPeriodEnd, reason: reason || null },
        optimisticResponse: {
          __typename: 'Mutation',
          cancelSubscription: atPeriodEnd
            ? { ...subscription, cancelAtPeriodEnd: true, cancelReason: reason || null }
            : {
                ...subscription,
                status: 'CANCELLED',
                cancelledAt: new Date().toISOString(),
                cancelReason: reason || null,
              },
        },
      }).then(() => toast(atPeriodEnd ? 'Cancels at the end of the period' : 'Subscription cancelled'), failed),
  };
}

function PlanChanger({
  subscription,
  plans,
  onChange,
}: {
  subscription: SubscriptionRowFragment;
  plans: readonly Plan[];
  onChange: (planId: string) => void;
}) {
  const id = useId();
  const choices = plans.filter((plan) => plan.active && plan.currency === subscription.plan.currency);
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Plan of {subscription.customer?.email ?? 'this subscription'}
      </label>
      <select
        id={id}
        value={subscription.plan.id}
        onChange={(event) => onChange(event.target.value)}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        {!choices.some((plan) => plan.id === subscription.plan.id) && (
          <option value={subscription.plan.id}>{subscription.plan.name}</option>
        )}
        {choices.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** Subscriptions of the tenant's customers; ADMINs subscribe, change plans and cancel. */
export function SubscriptionsPage() {
  const user = useSignedInUser();
  const canManage = user.role === 'ADMIN';
  const { data, loading, error, fetchMore, networkStatus } = useQuery(subscriptionsQuery, {
    notifyOnNetworkStatusChange: true,
  });
  const plans = useQuery(plansQuery, { skip: !canManage }).data?.plans.edges.map((edge) => edge.node) ?? [];
  const actions = useSubscriptionActions(plans);
  const [subscribing, setSubscribing] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const atPeriodEnd = useRef<HTMLInputElement>(null);
  const reason = useRef<HTMLInputElement>(null);
  const reasonId = useId();
  const askCancel = (subscription: SubscriptionRowFragment) =>
    setConfirm({
      title: `Cancel the ${subscription.plan.name} subscription?`,
      body: (
        <>
          <label className="mb-2 flex items-center gap-2">
            <input ref={atPeriodEnd} type="checkbox" defaultChecked /> At the end of the current period (
            {formatDate(subscription.currentPeriodEnd)})
          </label>
          <label htmlFor={reasonId} className="block">
            Reason (optional)
            <input
              id={reasonId}
              ref={reason}
              maxLength={500}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
            />
          </label>
        </>
      ),
      confirmLabel: 'Cancel subscription',
      onConfirm: () =>
        actions.cancel(subscription, atPeriodEnd.current?.checked ?? true, reason.current?.value.trim() ?? ''),
    });
  const columns: ColumnDef<SubscriptionRowFragment, unknown>[] = [
    {
      id: 'customer',
      header: 'Customer',
      accessorFn: (row) => (row.customer ? `${row.customer.firstName} ${row.customer.lastName}` : '—'),
      cell: ({ row, getValue }) =>
        row.original.customer ? (
          <Link to={`/crm/customers/${row.original.customer.id}`} className="text-indigo-700 hover:underline">
            {String(getValue())}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      id: 'plan',
      header: 'Plan',
      accessorFn: (row) => row.plan.name,
      cell: ({ row }) =>
        canManage && row.original.status !== 'CANCELLED' ? (
          <PlanChanger
            subscription={row.original}
            plans={plans}
            onChange={(planId) => actions.change(row.original, planId)}
          />
        ) : (
          row.original.plan.name
        ),
    },
    { id: 'price', header: 'Price', accessorFn: (row) => formatPrice(row.plan) },
    { accessorKey: 'quantity', header: 'Seats' },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (row) => `${enumLabel(row.status)}${row.cancelAtPeriodEnd ? ' (cancels at period end)' : ''}`,
    },
    {
      id: 'period',
      header: 'Period ends',
      accessorFn: (row) => row.currentPeriodEnd,
      cell: ({ row }) => formatDate(row.original.currentPeriodEnd),
    },
    ...(canManage
      ? [
          {
            id: 'actions',
            header: 'Actions',
            enableSorting: false,
            cell: ({ row }) =>
              row.original.status !== 'CANCELLED' &&
              !row.original.cancelAtPeriodEnd && (
                <Button
                  variant="danger"
                  aria-label={`Cancel subscription of ${row.original.customer?.email ?? row.original.id}`}
                  onClick={() => askCancel(row.original)}
                >
                  Cancel
                </Button>
              ),
          } satisfies ColumnDef<SubscriptionRowFragment, unknown>,
        ]
      : []),
  ];
  const connection = data?.subscriptions;
  return (
    <section>
      <PageHeader
        title="Subscriptions"
        description="Which customers pay for which plan."
        actions={canManage && <Button onClick={() => setSubscribing(true)}>Subscribe a customer</Button>}
      />
      {subscribing && <SubscribeForm onDone={() => setSubscribing(false)} />}
      <DataTable
        caption={
          connection ? `Subscriptions, ${connection.edges.length} of ${connection.totalCount} loaded` : 'Subscriptions'
        }
        columns={columns}
        data={connection?.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No subscriptions yet"
        getRowId={(row) => row.id}
        serverPages={
          connection && {
            hasMore: connection.pageInfo.hasNextPage,
            loadingMore: networkStatus === NetworkStatus.fetchMore,
            total: connection.totalCount,
            loadMore: () =>
              void fetchMore({
                variables: { after: connection.pageInfo.endCursor },
                updateQuery: (loaded, { fetchMoreResult }) => ({
                  ...loaded,
                  subscriptions: appendPage(loaded.subscriptions, fetchMoreResult.subscriptions),
                }),
              }),
          }
        }
      />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
