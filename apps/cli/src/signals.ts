/**
 * Resolves on the first SIGINT or SIGTERM, which long-running commands await before their
 * orderly shutdown. Handlers are removed afterwards, so a second Ctrl-C during a slow shutdown
 * falls back to Node's default and ends the process.
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const handler = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, handler);
      resolve(signal);
    };
    for (const name of signals) process.on(name, handler);
  });
}

/**
 * Calls `handler` on the first SIGINT or SIGTERM until disposed. One-shot commands use it to
 * stop cleanly (a sync aborts its jobs and records the run) instead of dying mid-write.
 */
export function onFirstSignal(handler: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const listener = (signal: NodeJS.Signals) => {
    dispose();
    handler(signal);
  };
  const dispose = () => {
    for (const name of signals) process.off(name, listener);
  };
  for (const name of signals) process.on(name, listener);
  return dispose;
}
