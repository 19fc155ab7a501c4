import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { z } from 'zod';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { timeColumn } from '../ui/columns.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { enumLabel } from '../ui/format.ts';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useMutationForm } from '../ui/use-mutation-form.ts';
import { tenantRoleOptions } from './CreateUserForm.tsx';
import {
  type InvitationRow,
  inviteUserMutation,
  resendInvitationMutation,
  revokeInvitationMutation,
  tenantInvitationsQuery,
} from './InvitationOperations.ts';

const inviteSchema = z.object({
  email: z.string().trim().email('Enter an email address'),
  role: z.enum(['ADMIN', 'CLIENT']),
});
type InviteValues = z.infer<typeof inviteSchema>;

function InviteForm({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [inviteUser] = useMutation(inviteUserMutation);
  const { form, onSubmit, errors, submitting } = useMutationForm<InviteValues>({
    schema: inviteSchema,
    defaultValues: { email: '', role: 'CLIENT' },
    submit: async (input) => {
      await inviteUser({
        variables: { input },
        update: (cache, { data }) => appendToConnection(cache, 'invitations', data?.inviteUser, 'InvitationEdge'),
      });
      toast(`Invitation mailed to ${input.email}`);
      onDone();
    },
  });
  return (
    <FormPanel
      title="Invite someone"
      submitLabel="Send invitation"
      {...{ onSubmit, errors, submitting }}
      onCancel={onDone}
    >
      <TextField form={form} name="email" label="Email" type="email" autoComplete="off" />
      <SelectField form={form} name="role" label="Role" options={tenantRoleOptions} />
    </FormPanel>
  );
}

/** Resend and revoke, for invitations that are not accepted or revoked yet. */
function InvitationActions({ invitation }: { invitation: InvitationRow }) {
  const toast = useToast();
  const [resend, resending] = useMutation(resendInvitationMutation);
  const [revoke, revoking] = useMutation(revokeInvitationMutation);
  if (invitation.status === 'ACCEPTED' || invitation.status === 'REVOKED') return null;
  const run = (action: (options: { variables: { id: string } }) => Promise<unknown>, done: string) =>
    void action({ variables: { id: invitation.id } }).then(
      () => toast(done),
      (error: Error) => toast(error.message, 'error'),
    );
  return (
    <div className="flex gap-2">
      <Button
        variant="secondary"
        disabled={resending.loading}
        onClick={() => run(resend, `Invitation resent to ${invitation.email}`)}
      >
        Resend
      </Button>
      <Button
        variant="dangerQuiet"
        disabled={revoking.loading}
        onClick={() => run(revoke, `Invitation of ${invitation.email} revoked`)}
      >
        Revoke
      </Button>
    </div>
  );
}

const columns: ColumnDef<InvitationRow, unknown>[] = [
  { id: 'email', header: 'Email', accessorFn: (row) => row.email },
  { id: 'role', header: 'Role', accessorFn: (row) => enumLabel(row.role) },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (row) => row.status,
    cell: ({ row }) => <StatusBadge value={row.original.status} />,
  },
  timeColumn('expires', 'Link expires', (row) => row.expiresAt),
  { id: 'sent', header: 'Mails sent', accessorFn: (row) => row.sentCount },
  {
    id: 'actions',
    header: 'Actions',
    enableSorting: false,
    cell: ({ row }) => <InvitationActions invitation={row.original} />,
  },
];

/** An ADMIN's invitations: invite by e-mail with a role, resend a link, revoke one. */
export function InvitationsPage() {
  const [inviting, setInviting] = useState(false);
  const { data, error, loading } = useQuery(tenantInvitationsQuery, { variables: { first: 100 } });
  return (
    <section>
      <PageHeader
        title="Invitations"
        description="People invited by e-mail: their link works once and for 7 days."
        actions={!inviting && <Button onClick={() => setInviting(true)}>Invite</Button>}
      />
      {inviting && <InviteForm onDone={() => setInviting(false)} />}
      <DataTable
        caption="Invitations of your tenant"
        columns={columns}
        data={data?.invitations.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No invitations yet"
        emptyHint="Invite a colleague by e-mail; they choose their own password."
        searchLabel="Search invitations"
        getRowId={(row) => row.id}
      />
    </section>
  );
}
