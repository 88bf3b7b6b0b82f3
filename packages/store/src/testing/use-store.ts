import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../types';

/** A fresh store per test, closed after it; call inside a `describe`. */
export function useStore(open: () => Promise<Store>): () => Store {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('The store is only available inside a test');
    return store;
  };
}
