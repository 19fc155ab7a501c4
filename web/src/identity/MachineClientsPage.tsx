import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { z } from 'zod';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { CheckboxGroupField, TextField } from '../ui/FormField.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useMutationForm } from '../ui/use-mutation-form.ts';
import {
  createMachineClientMutation,
  type MachineClientRow,
  machineClientsQuery,
  revokeMachineClientMutation,
} from './CredentialOperations.ts';
import { credentialColumns } from './credential-columns.tsx';
import { SecretOnce } from './SecretOnce.tsx';
import { useRevoke } from './useRevoke.tsx';

/** The closed catalogue of scopes (the `MachineScope` enum) and what each opens. */
const machineScopes = [
  { value: 'AUTH_READ', label: 'auth:read', description: 'its tenant and users' },
  { value: 'CRM_READ', label: 'crm:read', description: 'customers, leads, pipelines' },
  { value: 'CRM_WRITE', label: 'crm:write', description: 'write customers, leads, interactions' },
  { value: 'CMS_READ', label: 'cms:read', description: 'content types, items, media' },
  { value: 'CMS_WRITE', label: 'cms:write', description: 'write items and media' },
  { value: 'BILLING_READ', label: 'billing:read', description: 'plans, subscriptions, invoices' },
  { value: 'BILLING_WRITE', label: 'billing:write', description: 'nothing yet' },
  { value: 'ANALYTICS_READ', label: 'analytics:read', description: 'events, series, dashboards' },
  { value: 'ANALYTICS_INGEST', label: 'analytics:ingest', description: 'send events only' },
] as const;

type ScopeValue = (typeof machineScopes)[number]['value'];
const scopeValues = machineScopes.map((scope) => scope.value) as [ScopeValue, ...ScopeValue[]];
const scopeLabel = new Map<string, string>(machineScopes.map((scope) => [scope.value, scope.label]));

const machineClientSchema = z.object({
  name: z.string().trim().min(1, 'Name the client after the system that uses it').max(100, 'At most 100 characters'),
  scopes: z.array(z.enum(scopeValues)).min(1, 'Pick at least one scope'),
});

type MachineClientValues = z.infer<typeof machineClientSchema>;

function CreateMachineClientForm({
  onCreated,
  onCancel,
}: {
  onCreated: (clientId: string, secret: string) => void;
  onCancel: () => void;
}) {
  const [createMachineClient] = useMutation(createMachineClientMutation);
  const { form, onSubmit, errors, submitting } = useMutationForm<MachineClientValues>({
    schema: machineClientSchema,
    defaultValues: { name: '', scopes: [] },
    submit: async (input) => {
      const { data } = await createMachineClient({
        variables: { input },
        update: (cache, { data }) =>
          appendToConnection(cache, 'machineClients', data?.createMachineClient.machineClient, 'MachineClientEdge'),
      });
      if (data) onCreated(data.createMachineClient.machineClient.clientId, data.createMachineClient.clientSecret);
    },
  });
  return (
    <FormPanel title="New machine client" submitLabel="Create client" {...{ onSubmit, errors, submitting, onCancel }}>
      <TextField form={form} name="name" label="Name" autoComplete="off" />
      <CheckboxGroupField form={form} name="scopes" label="Scopes" options={machineScopes} />
    </FormPanel>
  );
}

/** An ADMIN's OAuth2 client-credentials clients: create (secret shown once) and revoke. */
export function MachineClientsPage() {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ clientId: string; secret: string }>();
  const { data, error, loading } = useQuery(machineClientsQuery, { variables: { first: 100 } });
  const [revokeMachineClient] = useMutation(revokeMachineClientMutation);
  const revoke = useRevoke<MachineClientRow>('machine client', (client) =>
    revokeMachineClient({
      variables: { id: client.id },
      optimisticResponse: {
        __typename: 'Mutation',
        revokeMachineClient: { __typename: 'MachineClient', id: client.id, revokedAt: new Date().toISOString() },
      },
    }),
  );
  const columns: ColumnDef<MachineClientRow, unknown>[] = [
    { id: 'name', header: 'Name', accessorFn: (client) => client.name },
    {
      id: 'clientId',
      header: 'Client id',
      accessorFn: (client) => client.clientId,
      cell: ({ row }) => <code className="text-xs">{row.original.clientId}</code>,
    },
    {
      id: 'scopes',
      header: 'Scopes',
      enableSorting: false,
      accessorFn: (client) => client.scopes.map((scope) => scopeLabel.get(scope) ?? scope).join(', '),
    },
    ...credentialColumns<MachineClientRow>(revoke.ask),
  ];
  return (
    <section>
      <PageHeader
        title="Machine clients"
        description="Systems that get tokens with a client id and secret (OAuth2 client credentials), limited to their scopes."
        actions={!creating && <Button onClick={() => setCreating(true)}>New machine client</Button>}
      />
      {created && (
        <SecretOnce
          label={`Secret of client ${created.clientId}`}
          secret={created.secret}
          onDismiss={() => setCreated(undefined)}
        />
      )}
      {creating && (
        <CreateMachineClientForm
          onCreated={(clientId, secret) => {
            setCreated({ clientId, secret });
            setCreating(false);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <DataTable
        caption="Machine clients of your tenant"
        columns={columns}
        data={data?.machineClients.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No machine clients yet"
        searchLabel="Search machine clients"
        getRowId={(client) => client.id}
      />
      {revoke.dialog}
    </section>
  );
}
