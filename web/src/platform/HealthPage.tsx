import { PageHeader } from '../ui/PageHeader.tsx';

export function HealthPage() {
  return <PageHeader title="Platform health" />;
}
