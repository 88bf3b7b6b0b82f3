/**
 * Maps `source` through `work` with at most `concurrency` calls in flight and yields results as
 * they finish (not in source order). The source is pulled only when a slot is free, so a
 * million-entry listing is never held in memory. An error from `work` or the source ends the
 * iteration with that error after in-flight calls settle, so none runs on unobserved.
 */
export async function* mapConcurrent<T, R>(
  source: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<R>,
): AsyncIterable<R> {
  const iterator = source[Symbol.asyncIterator]();
  const running = new Map<number, Promise<{ id: number; result: R }>>();
  let nextId = 0;
  let done = false;
  try {
    for (;;) {
      while (!done && running.size < concurrency) {
        const next = await iterator.next();
        if (next.done === true) {
          done = true;
          break;
        }
        const id = nextId++;
        running.set(
          id,
          work(next.value).then((result) => ({ id, result })),
        );
      }
      if (running.size === 0) return;
      const { id, result } = await Promise.race(running.values());
      running.delete(id);
      yield result;
    }
  } finally {
    await Promise.allSettled(running.values());
    if (!done) await iterator.return?.();
  }
}
