import { PageHeader } from '../ui/PageHeader.tsx';

export function TenantDetailPage() {
  return <PageHeader title="Tenant" />;
}
