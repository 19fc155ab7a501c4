import { PageHeader } from '../ui/PageHeader.tsx';

export function SessionsPage() {
  return <PageHeader title="Sessions" />;
}
