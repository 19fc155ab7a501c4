import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { z } from 'zod';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { timeColumn } from '../ui/columns.tsx';
import { enumLabel } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useMutationForm } from '../ui/use-mutation-form.ts';
import { tenantRoleOptions } from './CreateUserForm.tsx';
import { type ApiKeyRow, apiKeysQuery, createApiKeyMutation, revokeApiKeyMutation } from './CredentialOperations.ts';
import { credentialColumns } from './credential-columns.tsx';
import { SecretOnce } from './SecretOnce.tsx';
import { useRevoke } from './useRevoke.tsx';

const apiKeySchema = z.object({
  name: z.string().trim().min(1, 'Name the key after the application that uses it').max(100, 'At most 100 characters'),
  role: z.enum(['ADMIN', 'CLIENT']),
  expiresOn: z
    .string()
    .refine((value) => !value || Date.parse(value) > Date.now(), 'Pick a day in the future, or none'),
});

type ApiKeyValues = z.infer<typeof apiKeySchema>;

function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (secret: string) => void; onCancel: () => void }) {
  const [createApiKey] = useMutation(createApiKeyMutation);
  const { form, onSubmit, errors, submitting } = useMutationForm<ApiKeyValues>({
    schema: apiKeySchema,
    defaultValues: { name: '', role: 'CLIENT', expiresOn: '' },
    submit: async ({ name, role, expiresOn }) => {
      const expiresAt = expiresOn ? new Date(`${expiresOn}T23:59:59Z`).toISOString() : null;
      const { data } = await createApiKey({
        variables: { input: { name, role, expiresAt } },
        update: (cache, { data }) => appendToConnection(cache, 'apiKeys', data?.createApiKey.apiKey, 'ApiKeyEdge'),
      });
      if (data) onCreated(data.createApiKey.secret);
    },
  });
  return (
    <FormPanel title="New API key" submitLabel="Create key" {...{ onSubmit, errors, submitting, onCancel }}>
      <TextField form={form} name="name" label="Name" autoComplete="off" />
      <SelectField form={form} name="role" label="Acts as" options={tenantRoleOptions} />
      <TextField form={form} name="expiresOn" label="Expires on" type="date" hint="Optional; UTC end of day." />
    </FormPanel>
  );
}

/** An ADMIN's API keys: create (the key shown once, then only its prefix) and revoke. */
export function ApiKeysPage() {
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const { data, error, loading } = useQuery(apiKeysQuery, { variables: { first: 100 } });
  const [revokeApiKey] = useMutation(revokeApiKeyMutation);
  const revoke = useRevoke<ApiKeyRow>('API key', (key) =>
    revokeApiKey({
      variables: { id: key.id },
      optimisticResponse: {
        __typename: 'Mutation',
        revokeApiKey: { __typename: 'ApiKey', id: key.id, revokedAt: new Date().toISOString() },
      },
    }),
  );
  const columns: ColumnDef<ApiKeyRow, unknown>[] = [
    { id: 'name', header: 'Name', accessorFn: (key) => key.name },
    {
      id: 'prefix',
      header: 'Key',
      accessorFn: (key) => key.prefix,
      cell: ({ row }) => <code className="text-xs">cdx_{row.original.prefix}_…</code>,
    },
    { id: 'role', header: 'Acts as', accessorFn: (key) => enumLabel(key.role) },
    timeColumn('expires', 'Expires', (key) => key.expiresAt, { dateOnly: true }),
    ...credentialColumns<ApiKeyRow>(revoke.ask),
  ];
  return (
    <section>
      <PageHeader
        title="API keys"
        description="Keys your applications send as x-api-key. A key is shown once, when it is created."
        actions={!creating && <Button onClick={() => setCreating(true)}>New API key</Button>}
      />
      {secret && <SecretOnce label="Your new API key" secret={secret} onDismiss={() => setSecret(undefined)} />}
      {creating && (
        <CreateApiKeyForm
          onCreated={(created) => {
            setSecret(created);
            setCreating(false);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <DataTable
        caption="API keys of your tenant"
        columns={columns}
        data={data?.apiKeys.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No API keys yet"
        emptyHint="Create one for each application that calls the API."
        searchLabel="Search API keys"
        getRowId={(key) => key.id}
      />
      {revoke.dialog}
    </section>
  );
}
