/**
 * Runs async iterables with at most `limit` of them in flight and yields their items as they
 * arrive. The first failure is rethrown once the iterables already running have settled, and
 * no further iterable is started after it.
 */
export async function* mergeLimit<T>(
  sources: readonly (() => AsyncIterable<T>)[],
  limit: number,
): AsyncIterable<T> {
  const ready: T[] = [];
  // A holder, not a `let`: it is set inside callbacks, which narrowing cannot see.
  const failed: { failure: { error: unknown } | null } = { failure: null };
  let next = 0;
  let running = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const start = (): void => {
    while (running < limit && next < sources.length && failed.failure === null) {
      const source = sources[next++]!;
      running++;
      void (async () => {
        try {
          for await (const item of source()) {
            ready.push(item);
            notify();
          }
        } catch (error) {
          failed.failure ??= { error };
        } finally {
          running--;
          start();
          notify();
        }
      })();
    }
  };
  start();
  while (true) {
    while (ready.length > 0) yield ready.shift()!;
    if (failed.failure !== null && running === 0) throw failed.failure.error;
    if (running === 0 && (next >= sources.length || failed.failure !== null)) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}
