import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';

import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticateCaller, headersOfParams, type Identify } from './caller.ts';
import { type ConnectionState, connectionState } from './connection.ts';
import { closeReason, liveError } from './errors.ts';
import { type LivePayload, prepareSubscription } from './prepare.ts';
import type { Caller } from './registry.ts';
import type { LiveTransportOptions } from './transport.ts';

/** Close codes of refused connections (graphql-ws' own 4401/4403 where they fit). */
const closeCodes: Record<string, number> = { UNAUTHENTICATED: 4401, FORBIDDEN: 4403, SERVICE_UNAVAILABLE: 4503 };

/** Refuses an upgrade with a plain HTTP answer (before any WebSocket exists). */
function refuseUpgrade(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}) {
  const lines = [
    `HTTP/1.1 ${status} ${text}`,
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n`);
}

/**
 * graphql-ws on the gateway's HTTP server at `path`: connection rate checked on upgrade (429), the
 * credential in the connection params checked on `connection_init` (refused with 4401/4403), the
 * message size bounded (1009), and a connection without subscriptions closed after the idle timeout.
 */
export function serveWebSocket(
  options: LiveTransportOptions & { httpServer: Server; path: string; identify: Identify },
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxPayloadBytes });
  const connections = new WeakMap<WebSocket, { caller: Caller; state: ConnectionState }>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== options.path) return void socket.destroy();
    void options.admitConnection(request.socket.remoteAddress ?? null).then((refusal) => {
      if (refusal) {
        const retryAfter = String(refusal.extensions.retryAfterSeconds ?? 60);
        return refuseUpgrade(socket, 429, 'Too Many Requests', { 'retry-after': retryAfter });
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    });
  };
  options.httpServer.on('upgrade', onUpgrade);

  const server = useServer<Record<string, unknown> | undefined>(
    {
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        try {
          const caller = await authenticateCaller(
            options.identify,
            headersOfParams(ctx.connectionParams),
            randomUUID(),
          );
          const state = connectionState(options.limits.idleTimeoutMs, () => socket.close(4408, 'Idle timeout'));
          connections.set(socket, { caller, state });
          return true;
        } catch (error) {
          const refusal = liveError(error);
          socket.close(closeCodes[String(refusal.extensions.code)] ?? 4500, closeReason(refusal));
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) return [liveError(new Error('not connected'))];
        return prepareSubscription({
          schema: options.schema(),
          rules: options.rules,
          caller: connection.caller,
          connection: connection.state,
          payload: payload as LivePayload,
        });
      },
      subscribe: options.subscribe,
      onClose: (ctx) => connections.get(ctx.extra.socket)?.state.dispose(),
    },
    wss,
  );

  return {
    close: async () => {
      options.httpServer.off('upgrade', onUpgrade);
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
