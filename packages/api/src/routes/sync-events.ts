import type { SyncService } from '@ccx/sync';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import type { SyncEvent } from '../contract';

export const HEARTBEAT_MS = 15_000;

/**
 * Relays sync events as server-sent events until the client goes away, the API closes, or the
 * caller's credential stops holding (checked at every heartbeat: a logout, an expired session,
 * a revoked token or a disabled user ends the stream). Events are queued per connection and
 * written in order; the heartbeat comment keeps proxies from timing the stream out.
 * Unsubscribing, clearing the timer and dropping the close hook happen on every exit path.
 */
export function syncEventStream(
  c: Context,
  deps: {
    sync: SyncService;
    logger: Logger;
    onClose: (hook: () => void) => () => void;
    /** Re-checks the caller's credential; false ends the stream. */
    stillAllowed: () => Promise<boolean>;
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
          // `satisfies`: the engine's events must stay what the contract tells the web to parse.
          .then(() =>
            stream.writeSSE({ event: event.type, data: JSON.stringify(event satisfies SyncEvent) }),
          )
          .catch((error: unknown) => {
            deps.logger.warn({ err: error }, 'sse write failed; closing stream');
            finish();
          });
      });
      const heartbeat = setInterval(() => {
        chain = chain
          .then(async () => {
            if (!(await deps.stillAllowed())) {
              await stream.writeSSE({ event: 'auth.ended', data: '{"type":"auth.ended"}' });
              finish();
              return;
            }
            await stream.write(': heartbeat\n\n');
          })
          .catch((error: unknown) => {
            deps.logger.warn({ err: error }, 'sse heartbeat failed; closing stream');
            finish();
          });
      }, deps.heartbeatMs ?? HEARTBEAT_MS);
      stream.onAbort(() => finish());
      const dropCloseHook = deps.onClose(() => finish());
      try {
        await stream.write(': connected\n\n');
        await done;
      } finally {
        unsubscribe();
        clearInterval(heartbeat);
        dropCloseHook();
      }
    },
    async (error) => {
      deps.logger.error({ err: error }, 'sse stream failed');
      await Promise.resolve();
    },
  );
}
