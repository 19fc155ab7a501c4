import { createServer, type Server } from 'node:net';

/** Raised when a port cannot be bound; the message is one line a person can act on. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export interface Listening {
  port: number;
  url: string;
}

/** Binds `server`, turning EADDRINUSE/EACCES into a one-line PortInUseError that names the setting. */
export function listen(server: Server, options: { port: number; host: string; setting: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(
          new PortInUseError(
            `Port ${options.port} is already in use (or not allowed); set ${options.setting} to another port`,
          ),
        );
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({ port, url: `http://localhost:${port}` });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });
}

/** Fails with a PortInUseError naming `setting` when `port` cannot be bound on `host`. */
export async function assertPortFree(port: number, host: string, setting: string): Promise<void> {
  const probe = createServer();
  await listen(probe, { port, host, setting });
  await new Promise((resolve) => probe.close(resolve));
}
