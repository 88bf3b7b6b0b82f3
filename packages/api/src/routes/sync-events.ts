import type { SyncService } from '@ccx/sync';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';

export const HEARTBEAT_MS = 15_000;

/**
 * Relays sync events as server-sent events until the client goes away or the API closes.
 * Events are queued per connection and written in order; the heartbeat comment keeps proxies
 * from timing the stream out. Unsubscribing and clearing the timer happen on every exit path.
 */
export function syncEventStream(
  c: Context,
  deps: {
    sync: SyncService;
    logger: Logger;
    onClose: (hook: () => void) => void;
    heartbeatMs?: number;
  },
): Response {
  return streamSSE(
    c,
    async (stream) => {
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      let chain = Promise.resolve();
      const unsubscribe = deps.sync.subscribe((event) => {
        chain = chain
          .then(() => stream.writeSSE({ event: event.type, data: JSON.stringify(event) }))
          .catch((error: unknown) => {
            deps.logger.warn({ err: error }, 'sse write failed; closing stream');
            finish();
          });
      });
      const heartbeat = setInterval(() => {
        chain = chain
          .then(() => stream.write(': heartbeat\n\n'))
          .then(
            () => undefined,
            () => finish(),
          );
      }, deps.heartbeatMs ?? HEARTBEAT_MS);
      stream.onAbort(() => finish());
      deps.onClose(() => finish());
      try {
        await stream.write(': connected\n\n');
        await done;
      } finally {
        unsubscribe();
        clearInterval(heartbeat);
      }
    },
    async (error) => {
      deps.logger.error({ err: error }, 'sse stream failed');
      await Promise.resolve();
    },
  );
}
