import { PageHeader } from '../ui/PageHeader.tsx';

export function TenantsPage() {
  return <PageHeader title="Tenants" />;
}
