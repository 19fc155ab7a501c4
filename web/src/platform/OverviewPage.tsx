import { PageHeader } from '../ui/PageHeader.tsx';

export function OverviewPage() {
  return <PageHeader title="Platform overview" />;
}
