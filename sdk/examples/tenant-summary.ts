// CODEX_URL=… CODEX_EMAIL=… CODEX_PASSWORD=… node --import tsx sdk/examples/tenant-summary.ts
import { CodexError, createCodexClient, graphql } from '@codex/sdk';
import { codexUrl, setting } from './settings.ts';

const codex = createCodexClient({
  url: codexUrl(),
  credentials: { email: setting('CODEX_EMAIL'), password: setting('CODEX_PASSWORD') },
});

// A custom selection across four services, type-checked against the schema.
const figures = graphql(`
  query TenantFigures($id: ID!) {
    tenant(id: $id) {
      name
      users { total active }
      crm { totalCustomers openLeads wonLeads }
      billing { activeSubscriptions openInvoices mrr { amount currency } }
      analytics { eventsLast30d uniqueUsers30d }
    }
  }
`);

const me = await codex.auth.me();
if (!me?.tenant) throw new Error('this login belongs to no tenant (SUPERADMIN?): use a tenant user');
try {
  // partial: a service that is down leaves its part null and its error in `errors`, the rest still prints.
  const { data, errors, requestId } = await codex.request(figures, { id: me.tenant.id }, { partial: true });
  const tenant = data.tenant;
  console.log(`${tenant?.name} (request ${requestId})`);
  console.log(`users:     ${tenant?.users?.total ?? '—'} (${tenant?.users?.active ?? '—'} active)`);
  console.log(`customers: ${tenant?.crm?.totalCustomers ?? '—'}, leads open ${tenant?.crm?.openLeads ?? '—'}`);
  const mrr = tenant?.billing?.mrr.map((money) => `${money.amount} ${money.currency}`).join(', ') || '—';
  console.log(`billing:   ${tenant?.billing?.activeSubscriptions ?? '—'} active subscriptions, MRR ${mrr}`);
  console.log(`events:    ${tenant?.analytics?.eventsLast30d ?? '—'} in 30 days`);
  for (const error of errors) console.log(`missing:   ${error.serviceName ?? error.path?.join('.')} (${error.code})`);
} catch (error) {
  if (error instanceof CodexError) console.error(`${error.code}: ${error.message} (request ${error.requestId})`);
  throw error;
} finally {
  await codex.logout();
}
