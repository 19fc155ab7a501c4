// CODEX_URL=… CODEX_CLIENT_ID=… CODEX_CLIENT_SECRET=… node --import tsx sdk/examples/ingest-events.ts
import { randomUUID } from 'node:crypto';
import { createCodexClient } from '@codex/sdk';
import { codexUrl, setting } from './settings.ts';

// A machine client: the SDK fetches its access token and renews it before it expires.
const codex = createCodexClient({
  url: codexUrl(),
  credentials: { clientId: setting('CODEX_CLIENT_ID'), clientSecret: setting('CODEX_CLIENT_SECRET') },
});

const batch = Array.from({ length: 5 }, (_, index) => ({
  idempotencyKey: `sdk-example-${randomUUID()}`,
  name: index % 2 === 0 ? 'page_view' : 'signup',
  data: { example: true, index },
}));

const first = await codex.analytics.events.ingest(batch);
// The same keys again, as a retry after a lost answer would send them: nothing is counted twice.
const again = await codex.analytics.events.ingest(batch);
console.log(`first send: ${first.accepted} accepted, ${first.duplicates} duplicates`);
console.log(`second send: ${again.accepted} accepted, ${again.duplicates} duplicates`);
if (again.accepted !== 0 || again.duplicates !== batch.length) throw new Error('events were counted twice');
