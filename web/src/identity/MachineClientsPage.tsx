import { PageHeader } from '../ui/PageHeader.tsx';

export function MachineClientsPage() {
  return <PageHeader title="Machine clients" />;
}
