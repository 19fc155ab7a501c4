import { useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import type { MailInboxQuery } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { timeColumn } from '../ui/columns.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { mailInboxQuery } from './MailInboxOperations.ts';

type Mail = MailInboxQuery['mailInbox']['edges'][number]['node'];

function MailView({ mail, onClose }: { mail: Mail; onClose: () => void }) {
  return (
    <article aria-label={`Mail “${mail.subject}”`} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <header className="mb-3 flex items-start justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{mail.subject}</h2>
          <p className="text-sm text-slate-600">
            From {mail.from} to {mail.to.join(', ')}
          </p>
        </div>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </header>
      <pre className="whitespace-pre-wrap text-sm text-slate-800">{mail.text}</pre>
    </article>
  );
}

/** What the embedded SMTP catcher received (development and demo only): the newest first. */
export function MailInboxPage() {
  const [open, setOpen] = useState<Mail | null>(null);
  const { data, error, loading } = useQuery(mailInboxQuery, { variables: { first: 100 }, fetchPolicy: 'network-only' });
  const columns: ColumnDef<Mail, unknown>[] = [
    timeColumn('received', 'Received', (mail) => mail.receivedAt),
    { id: 'to', header: 'To', accessorFn: (mail) => mail.to.join(', ') },
    {
      id: 'subject',
      header: 'Subject',
      accessorFn: (mail) => mail.subject,
      cell: ({ row }) => (
        <button type="button" className="text-left text-indigo-700 underline" onClick={() => setOpen(row.original)}>
          {row.original.subject}
        </button>
      ),
    },
  ];
  return (
    <section>
      <PageHeader
        title="Mail inbox"
        description="Mails the platform sent to its local SMTP catcher. Empty when a real SMTP server is configured."
      />
      {open && <MailView mail={open} onClose={() => setOpen(null)} />}
      <DataTable
        caption="Mails received"
        columns={columns}
        data={data?.mailInbox.edges.map((edge) => edge.node)}
        loading={loading}
        error={error}
        emptyTitle="No mail yet"
        emptyHint="Invitations, verification and reset mails land here."
        searchLabel="Search mails"
        getRowId={(mail) => mail.id}
      />
    </section>
  );
}
