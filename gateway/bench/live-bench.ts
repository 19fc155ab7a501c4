import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { demoUsers } from '@codex/kit';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type AnswerJson, percentiles, startBenchPlatform, timedPost } from './bench-platform.ts';

/**
 * `npm run bench:live`: 1,000 concurrent subscribers (domainEvents, one WebSocket each, ADMINs of
 * four tenants) on one gateway while customers are created at a steady rate; prints the latency from
 * commit (the event's occurredAt) to each subscriber, p50/p99, and the gateway's RSS per subscriber.
 */
const subscribers = Number(process.env.LIVE_BENCH_SUBSCRIBERS ?? 1000);
const writesPerSecond = Number(process.env.LIVE_BENCH_WRITES_PER_SECOND ?? 20);
const seconds = Number(process.env.LIVE_BENCH_SECONDS ?? 20);
const tenantCount = 4;

const rssMiB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
};

async function call(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<AnswerJson> {
  const { body } = await timedPost(url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const login = async (url: string, email: string, password: string) =>
  (
    await call(url, 'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: email,
      p: password,
    })
  ).login.accessToken as string;

async function tenantAdmin(url: string, superToken: string, index: number) {
  const slug = `live-bench-${index}-${randomUUID().slice(0, 6)}`;
  const tenant = await call(
    url,
    'mutation T($i: CreateTenantInput!) { createTenant(input: $i) { id } }',
    { i: { slug, name: slug, planTier: 'STARTER' } },
    superToken,
  );
  const email = `admin-${slug}@example.test`;
  const password = `pw-${randomUUID()}`;
  await call(
    url,
    'mutation U($i: CreateUserInput!) { createUser(input: $i) { id } }',
    { i: { email, password, role: 'ADMIN', tenantId: tenant.createTenant.id } },
    superToken,
  );
  return { tenantId: tenant.createTenant.id as string, token: await login(url, email, password) };
}

const bench = await startBenchPlatform({
  LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '100000',
  LIVE_CONNECTIONS_PER_MINUTE: '100000',
});
const clients: Client[] = [];
try {
  const url = bench.platform.gatewayUrl;
  const gatewayPid = bench.platform.services.gateway.child.pid!;
  const superToken = await login(url, demoUsers.superadmin.username, demoUsers.superadmin.password);
  const admins = await Promise.all(
    Array.from({ length: tenantCount }, (_, index) => tenantAdmin(url, superToken, index)),
  );
  const rssBefore = rssMiB(gatewayPid);

  const latencies: number[] = [];
  let acknowledged = 0;
  for (let index = 0; index < subscribers; index += 1) {
    const admin = admins[index % tenantCount]!;
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${admin.token}` },
      on: {
        connected: () => {
          acknowledged += 1;
        },
      },
    });
    clients.push(client);
    client.subscribe<AnswerJson>(
      { query: 'subscription { domainEvents(types: ["customer.created"]) { id occurredAt } }' },
      {
        next: (result) => {
          const occurredAt = result.data?.domainEvents?.occurredAt as string | undefined;
          if (occurredAt) latencies.push(Date.now() - Date.parse(occurredAt));
        },
        error: (error) => console.error('subscription error', error),
        complete: () => {},
      },
    );
  }
  const deadline = Date.now() + 60_000;
  while (acknowledged < subscribers && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssSubscribed = rssMiB(gatewayPid);

  const writes = writesPerSecond * seconds;
  let writeErrors = 0;
  const started = Date.now();
  const pending: Promise<unknown>[] = [];
  for (let index = 0; index < writes; index += 1) {
    const due = started + (index * 1000) / writesPerSecond;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const admin = admins[index % tenantCount]!;
    const unique = randomUUID().slice(0, 8);
    pending.push(
      call(
        url,
        'mutation C($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
        { i: { email: `c-${unique}@example.test`, firstName: 'Bench', lastName: unique } },
        admin.token,
      ).catch(() => {
        writeErrors += 1;
      }),
    );
  }
  await Promise.all(pending);
  const expected = writes * (subscribers / tenantCount);
  const settle = Date.now() + 30_000;
  while (latencies.length < expected && Date.now() < settle) await new Promise((resolve) => setTimeout(resolve, 100));
  const rssLoaded = rssMiB(gatewayPid);

  const { p50, p99, max } = percentiles(latencies);
  console.log(
    `live bench: ${acknowledged}/${subscribers} subscribers connected (${tenantCount} tenants), ${writes} writes at ${writesPerSecond}/s, write errors ${writeErrors}`,
  );
  console.log(`deliveries ${latencies.length} of ${expected} expected`);
  console.log(`commit → subscriber latency ms: p50 ${p50.toFixed(0)}, p99 ${p99.toFixed(0)}, max ${max.toFixed(0)}`);
  console.log(
    `gateway RSS MiB: before ${rssBefore.toFixed(0)}, subscribed ${rssSubscribed.toFixed(0)}, under load ${rssLoaded.toFixed(0)}; per subscriber ${(((rssSubscribed - rssBefore) * 1024) / subscribers).toFixed(1)} KiB`,
  );
  console.log(
    `goal p99 ≤ 3000 ms: ${p99 <= 3000 ? 'met' : 'NOT met'} (ideal ≤ 250 ms: ${p99 <= 250 ? 'met' : 'not met'})`,
  );
} finally {
  await Promise.all(clients.map((client) => client.dispose()));
  await bench.stop();
}
