/**
 * Does `requestPasswordReset` take as long for an unknown address as for a known one? Medians of
 * interleaved rounds through the gateway of a started platform whose reset throttle is lifted:
 *   PASSWORD_RESET_PER_EMAIL=1000000 PASSWORD_RESET_PER_ADDRESS=1000000 npm start   # another terminal
 *   npm run bench:reset-timing -w @codex/subgraph-auth -- [graphqlUrl] [rounds] [knownEmail]
 */
const graphqlUrl = process.argv[2] ?? 'http://localhost:4000/graphql';
const rounds = Number(process.argv[3] ?? 30);
const knownEmail = process.argv[4] ?? 'john.doe@demo.com';

const query = 'mutation R($email: String!) { requestPasswordReset(email: $email) { accepted } }';

async function timeRequest(email: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { email } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`requestPasswordReset failed: ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const known: number[] = [];
const unknown: number[] = [];
await timeRequest(knownEmail); // warm-up: connections, the dummy hash's first run
for (let round = 0; round < rounds; round += 1) {
  known.push(await timeRequest(knownEmail));
  unknown.push(await timeRequest(`nobody-${round}-${Date.now()}@example.test`));
}
const [knownMedian, unknownMedian] = [median(known), median(unknown)];
console.log(`requestPasswordReset, ${rounds} interleaved rounds each (ms, median):`);
console.log(`  known address    ${knownMedian.toFixed(1)}`);
console.log(`  unknown address  ${unknownMedian.toFixed(1)}`);
console.log(`  unknown / known  ${(unknownMedian / knownMedian).toFixed(2)}`);
