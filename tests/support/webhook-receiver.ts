import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** How a path answers its n-th request (0-based): a status, or `hang` (never answers). */
export type ReceiverBehaviour = (n: number) => number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1: every request is recorded per path; each path answers as its
 * behaviour says (default 200). Hanging requests are ended when the receiver closes.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const behaviours = new Map<string, ReceiverBehaviour>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const n = received.filter((entry) => entry.path === path).length;
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = behaviours.get(path)?.(n) ?? 200;
      if (answer === 'hang') hanging.add(response);
      else response.writeHead(answer).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** A URL of its own for one test, answering as `behaviour` says. */
    url: (path: string, behaviour?: ReceiverBehaviour) => {
      if (behaviour) behaviours.set(`/${path}`, behaviour);
      return `http://127.0.0.1:${port}/${path}`;
    },
    requestsTo: (path: string) => received.filter((entry) => entry.path === `/${path}`),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
