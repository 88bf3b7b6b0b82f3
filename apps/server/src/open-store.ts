import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openStore, type Store } from '@ccx/store';

/**
 * Opens the configured store and applies pending migrations. For SQLite the file's folder is
 * created first, so a fresh checkout works without a setup step.
 */
export async function openMigratedStore(url: string): Promise<Store> {
  if (!/^postgres(ql)?:\/\//.test(url) && url !== ':memory:') {
    await mkdir(dirname(url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url), {
      recursive: true,
    });
  }
  const store = await openStore({ url });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
