/**
 * Benchmark: webhook delivery from commit to receiver.
 *   npm run bench:webhooks [-- <writes per second, default 20> <seconds, default 10> <endpoints, default 4> <rounds, default 3>]
 * Starts its own platform (throw-away embedded PostgreSQL, free ports, demo data) and a local HTTP
 * receiver; the demo ADMIN registers `endpoints` endpoints for `customer.created`, then creates
 * customers through the gateway at a steady rate. Each event reaches every endpoint: latency is from
 * sending the write (its commit is before the answer, so this is an upper bound) to the receiver
 * having the delivery; throughput is deliveries over the time from the first write to the last
 * delivery. Prints p50/p99/max and deliveries/s per round, then the medians.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoUsers } from '@codex/kit';
import { type AnswerJson, percentiles, startBenchPlatform } from './bench-platform.ts';

const [rate, seconds, endpointCount, rounds] = [20, 10, 4, 3].map((fallback, i) =>
  Number(process.argv[2 + i] ?? fallback),
) as [number, number, number, number];

/** Customer id → when its write was sent; customer id → when each of its deliveries arrived. */
const sentAt = new Map<string, number>();
let arrivedAt = new Map<string, number[]>();
let arrivals = 0;
let refusedWrites = 0;

const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk));
  request.on('end', () => {
    const now = performance.now();
    const id = (JSON.parse(body) as { data?: { id?: string } }).data?.id;
    if (id) {
      arrivedAt.set(id, [...(arrivedAt.get(id) ?? []), now]);
      arrivals += 1;
    }
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const { platform, stop } = await startBenchPlatform({ WEBHOOKS_CONCURRENCY: '10' });

async function post(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: AnswerJson; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const createCustomer = /* GraphQL */ `mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;

/** Writes at `rate` per second for `seconds`, each timed from the moment it is sent. */
async function steadyWrites(token: string, round: number) {
  const writes: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const due = started + (i * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const sent = performance.now();
    const input = {
      email: `bench-${round}-${i}-${Date.now()}@example.test`,
      firstName: 'Bench',
      lastName: `R${round}`,
    };
    // A write the loaded machine refuses (pool timeout) is counted, not retried: it has no event.
    const write = post(createCustomer, { input }, token).then((data) => void sentAt.set(data.createCustomer.id, sent));
    writes.push(
      write.catch(() => {
        refusedWrites += 1;
      }),
    );
  }
  await Promise.all(writes);
  return started;
}

async function untilDelivered(expected: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (arrivals < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

try {
  const login = await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: demoUsers.admin.email,
    p: demoUsers.admin.password,
  });
  const token = login.login.accessToken as string;
  for (let i = 0; i < endpointCount; i += 1)
    await post(
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
      { input: { url: receiverUrl, eventTypes: ['customer.created'] } },
      token,
    );
  const results = [];
  for (let round = 0; round < rounds; round += 1) {
    arrivedAt = new Map();
    arrivals = 0;
    refusedWrites = 0;
    const started = await steadyWrites(token, round);
    const expected = (rate * seconds - refusedWrites) * endpointCount;
    await untilDelivered(expected);
    const latencies = [...arrivedAt].flatMap(([id, times]) => times.map((time) => time - (sentAt.get(id) ?? time)));
    const lastArrival = Math.max(...[...arrivedAt.values()].flat());
    const figures = percentiles(latencies);
    const perSecond = (arrivals / (lastArrival - started)) * 1000;
    results.push({ ...figures, perSecond });
    console.log(
      `round ${round + 1}: ${arrivals}/${expected} deliveries (${refusedWrites} writes refused), commit→receiver p50 ${figures.p50.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms, max ${figures.max.toFixed(0)} ms, ${perSecond.toFixed(1)} deliveries/s`,
    );
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
  console.log(
    `median of ${rounds} rounds (${rate} writes/s × ${endpointCount} endpoints for ${seconds} s): p50 ${median(results.map((r) => r.p50)).toFixed(0)} ms, p99 ${median(results.map((r) => r.p99)).toFixed(0)} ms, ${median(results.map((r) => r.perSecond)).toFixed(1)} deliveries/s`,
  );
} finally {
  receiver.close();
  await stop();
}
