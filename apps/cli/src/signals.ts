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
