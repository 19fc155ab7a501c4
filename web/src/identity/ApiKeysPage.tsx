import { PageHeader } from '../ui/PageHeader.tsx';

export function ApiKeysPage() {
  return <PageHeader title="API keys" />;
}
