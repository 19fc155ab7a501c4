// CODEX_URL=http://localhost:4000/graphql CODEX_API_KEY=… node --import tsx sdk/examples/create-customer.ts
import { randomUUID } from 'node:crypto';
import { createCodexClient } from '@codex/sdk';
import { codexUrl, setting } from './settings.ts';

const codex = createCodexClient({ url: codexUrl(), credentials: { apiKey: setting('CODEX_API_KEY') } });

const lastName = `Lovelace-${randomUUID().slice(0, 8)}`;
const customer = await codex.crm.customers.create({
  email: `${lastName.toLowerCase()}@example.com`,
  firstName: 'Ada',
  lastName,
  tags: ['sdk-example'],
});

// Every page of the search, followed by its Relay cursors.
for await (const found of codex.crm.customers.list({ search: lastName })) {
  if (found.id === customer.id) console.log(`created and found customer ${customer.id}`);
}
