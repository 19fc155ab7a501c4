import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CustomerDetailQuery } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { MissingRecord } from '../ui/MissingRecord.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { enumLabel, formatDate, formatDateTime, formatMoney } from '../ui/format.ts';
import { customerDetailQuery } from './customer-operations.ts';
import { NewLeadForm } from './NewLeadForm.tsx';
import { pipelinesQuery } from './pipeline-operations.ts';
import { InteractionTimeline } from './InteractionTimeline.tsx';
import { LogInteractionForm } from './LogInteractionForm.tsx';

type Customer = NonNullable<CustomerDetailQuery['customer']>;

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Profile({ customer }: { customer: Customer }) {
  const rows: [string, string][] = [
    ['Email', customer.email],
    ['Company', customer.company ?? '—'],
    ['Phone', customer.phone ?? '—'],
    ['Status', enumLabel(customer.status)],
    ['Source', customer.source ?? '—'],
    ['Tags', customer.tags.join(', ') || '—'],
    ['Created', formatDateTime(customer.createdAt)],
  ];
  return (
    <Panel title="Profile">
      <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

function Leads({ leads }: { leads: Customer['leads'] }) {
  if (leads.length === 0) return <EmptyState title="No leads" />;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {leads.map((lead) => (
        <li key={lead.id} className="flex justify-between py-2">
          <span>
            <span className="font-medium">{lead.title}</span>{' '}
            <span className="text-slate-600">
              · {lead.status === 'OPEN' ? lead.stage.name : enumLabel(lead.status)} · {lead.probability}%
            </span>
          </span>
          <span className="tabular-nums">{formatMoney({ amount: lead.value, currency: lead.currency })}</span>
        </li>
      ))}
    </ul>
  );
}

function Subscriptions({ subscriptions }: { subscriptions: Customer['subscriptions'] }) {
  if (!subscriptions) return <p className="text-sm text-slate-600">Billing is not available right now.</p>;
  if (subscriptions.length === 0) return <EmptyState title="No subscriptions" />;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {subscriptions.map((subscription) => (
        <li key={subscription.id} className="flex justify-between py-2">
          <span>
            <span className="font-medium">{subscription.plan.name}</span>{' '}
            <span className="text-slate-600">
              · {enumLabel(subscription.status)} · renews {formatDate(subscription.currentPeriodEnd)}
            </span>
          </span>
          <span className="tabular-nums">
            {formatMoney({ amount: subscription.plan.amount, currency: subscription.plan.currency })} ×{' '}
            {subscription.quantity}
          </span>
        </li>
      ))}
    </ul>
  );
}

function RecentEvents({ events }: { events: Customer['recentEvents'] }) {
  if (!events) return <p className="text-sm text-slate-600">Analytics is not available right now.</p>;
  if (events.length === 0) return <EmptyState title="No events for this customer" />;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {events.map((event) => (
        <li key={event.id} className="flex justify-between gap-4 py-2">
          <span className="font-mono">{event.name}</span>
          <span className="truncate text-slate-600">{event.pageUrl ?? ''}</span>
          <time dateTime={event.occurredAt} className="shrink-0 text-slate-600">
            {formatDateTime(event.occurredAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}

/** Every stage of every pipeline, the default pipeline's first: where a customer's new lead may start. */
function useStageOptions() {
  const { data } = useQuery(pipelinesQuery);
  const pipelines = [...(data?.pipelines.edges.map((edge) => edge.node) ?? [])].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault),
  );
  return pipelines.flatMap((pipeline) =>
    [...pipeline.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage) => ({ value: stage.id, label: `${pipeline.name} · ${stage.name}`, name: stage.name })),
  );
}

function CustomerLeadForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const stages = useStageOptions();
  if (stages.length === 0) return <LoadingState label="Loading pipelines…" />;
  return (
    <NewLeadForm
      stages={stages}
      customerId={customerId}
      onDone={onDone}
      onCreated={(cache, lead) => {
        const name = stages.find((option) => option.value === lead.stage.id)?.name ?? '';
        const stage = { __typename: 'PipelineStage' as const, id: lead.stage.id, name };
        cache.updateQuery({ query: customerDetailQuery, variables: { id: customerId } }, (detail) =>
          detail?.customer
            ? { ...detail, customer: { ...detail.customer, leads: [{ ...lead, stage }, ...detail.customer.leads] } }
            : detail,
        );
      }}
    />
  );
}

/** One customer with its leads, timeline, subscriptions (Billing) and recent events (Analytics). */
export function CustomerPage() {
  const { customerId = '' } = useParams();
  // errorPolicy 'all': a Billing or Analytics outage nulls only its part of the page.
  const { data, loading, error } = useQuery(customerDetailQuery, {
    variables: { id: customerId },
    errorPolicy: 'all',
  });
  const [adding, setAdding] = useState<'interaction' | 'lead' | null>(null);
  const customer = data?.customer;
  if (!data && loading) return <LoadingState label="Loading customer…" />;
  if (!customer)
    return <MissingRecord noun="customer" error={error} backTo="/crm/customers" backLabel="Back to customers" />;
  return (
    <section>
      <PageHeader
        title={`${customer.firstName} ${customer.lastName}`}
        description={
          <Link to="/crm/customers" className="text-indigo-700 underline">
            ← Customers
          </Link>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => setAdding('lead')}>
              New lead
            </Button>
            <Button onClick={() => setAdding('interaction')}>Log interaction</Button>
          </>
        }
      />
      {error && <ErrorBanner error={error} />}
      {adding === 'interaction' && <LogInteractionForm customerId={customer.id} onDone={() => setAdding(null)} />}
      {adding === 'lead' && <CustomerLeadForm customerId={customer.id} onDone={() => setAdding(null)} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <Profile customer={customer} />
        <Panel title="Leads">
          <Leads leads={customer.leads} />
        </Panel>
        <Panel title="Interactions">
          <InteractionTimeline interactions={customer.interactions} />
        </Panel>
        <div className="grid content-start gap-4">
          <Panel title="Subscriptions">
            <Subscriptions subscriptions={customer.subscriptions} />
          </Panel>
          <Panel title="Recent events">
            <RecentEvents events={customer.recentEvents} />
          </Panel>
        </div>
      </div>
    </section>
  );
}
