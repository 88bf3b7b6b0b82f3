import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { CcxError } from '@ccx/core';

export interface Listening {
  server: ServerType;
  /** `http://host:port` with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/**
 * Binds the HTTP server and resolves once it listens, or rejects with a clear error (port in
 * use, address not available) instead of crashing later from an unhandled 'error' event.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port });
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message;
      reject(
        new CcxError('unavailable', `Cannot listen on ${host}:${port}: ${reason}`, {
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${shownHost}:${address.port}`,
        close: () => closeServer(server),
      });
    });
  });
}

/**
 * Stops accepting connections and ends the open ones: event streams (`/api/sync/events`)
 * never end on their own, so waiting for them would hang shutdown forever.
 */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
