import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Stands between a billing subgraph and the real CRM subgraph: records what billing sends and
 * forwards it (`forward`), or plays a CRM that is down (`down`: connections cut) or hung (`hang`:
 * never answers).
 */
export async function startCrmProxy(target: string) {
  const sockets = new Set<Socket>();
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  const state = { mode: 'forward' as 'forward' | 'down' | 'hang' };
  const server = createServer(async (req, res) => {
    if (state.mode === 'down') return req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (state.mode === 'hang') return;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([key]) => !['host', 'content-length', 'connection'].includes(key)),
    ) as Record<string, string>;
    const answer = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests,
    state,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
