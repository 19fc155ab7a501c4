/**
 * Constant subgraphs for S4: one process serving a port per subgraph that answers each GraphQL body
 * from memory. The first time it sees a body it asks the real subgraph (so every answer has the real
 * SDL's shape and data) and keeps the answer; after that the subgraph costs next to nothing and
 * only the gateway in front is measured. Anything else (JWKS, revocation list) is passed through.
 *   CONSTANT_UPSTREAMS='[{"port":5002,"upstream":"http://127.0.0.1:4002"}]' tsx constant-subgraphs.ts
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Upstream {
  port: number;
  upstream: string;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const forwardedHeaders = (request: IncomingMessage) =>
  Object.fromEntries(
    Object.entries(request.headers).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0]),
    ),
  );

function constantSubgraph({ upstream }: Upstream) {
  const answers = new Map<string, Buffer>();
  return async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const key = request.method === 'POST' && request.url === '/graphql' ? body.toString('utf8') : null;
    const known = key === null ? undefined : answers.get(key);
    if (known) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': known.length });
      response.end(known);
      return;
    }
    const answer = await fetch(new URL(request.url ?? '/', upstream), {
      method: request.method,
      headers: forwardedHeaders(request),
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
    });
    const bytes = Buffer.from(await answer.arrayBuffer());
    // Only clean answers are kept: an error stays the real subgraph's to give, every time.
    if (key !== null && answer.status === 200 && !bytes.includes('"errors"')) answers.set(key, bytes);
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(bytes);
  };
}

const upstreams = JSON.parse(process.env.CONSTANT_UPSTREAMS ?? '[]') as Upstream[];
for (const entry of upstreams) {
  const serve = constantSubgraph(entry);
  createServer((request, response) => {
    if (request.url === '/health') {
      response.end('{"status":"up"}');
      return;
    }
    serve(request, response).catch(() => {
      response.writeHead(502).end();
    });
  }).listen(entry.port, '127.0.0.1');
}
// Started by the bench with an IPC channel: when the bench goes, so does this process.
process.on('disconnect', () => process.exit(0));
