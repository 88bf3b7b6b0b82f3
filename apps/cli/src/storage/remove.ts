import { invalidInput, type DeleteResult } from '@ccx/core';
import type { StorageTarget } from '@ccx/storage';
import { isPrefixKey } from './location';
import type { StorageSession } from './session';

/** What `rm` is about to delete: single objects, and prefixes to expand with `--recursive`. */
export interface RemovalPlan {
  targets: { target: StorageTarget; uri: string; prefix: boolean }[];
}

/** Resolves every URI first, so a typo in the third is reported before the first is deleted. */
export async function planRemoval(
  session: StorageSession,
  uris: readonly string[],
  options: { recursive: boolean; connection?: string },
): Promise<RemovalPlan> {
  const { isStorageRoot } = await import('@ccx/storage');
  const targets: RemovalPlan['targets'] = [];
  for (const uri of uris) {
    const resolved = await session.catalog.resolve(uri, { connection: options.connection });
    if (isStorageRoot(resolved)) throw invalidInput(`${uri} names no bucket; rm deletes objects`);
    const prefix = isPrefixKey(resolved.ref.key);
    if (prefix && !options.recursive) {
      throw invalidInput(`${uri} is a prefix: add --recursive to delete everything under it`);
    }
    targets.push({ target: resolved, uri, prefix });
  }
  return { targets };
}

const BATCH = 1000;

/**
 * Deletes the plan: objects by key, prefixes by listing every key below them and deleting in
 * batches of 1000 as the listing streams (memory stays bounded whatever the prefix holds).
 * Returns the merged result; per-key failures are in `errors`, never thrown.
 */
export async function executeRemoval(
  plan: RemovalPlan,
  onBatch?: (deleted: number) => void,
): Promise<DeleteResult> {
  const merged: DeleteResult = { deleted: [], errors: [] };
  const apply = async (target: StorageTarget, keys: { key: string }[]) => {
    if (keys.length === 0) return;
    const result = await target.connection.storage.deleteObjects(target.ref, keys);
    merged.deleted.push(...result.deleted);
    merged.errors.push(...result.errors);
    onBatch?.(merged.deleted.length);
  };
  for (const { target, prefix } of plan.targets) {
    if (!prefix) {
      await apply(target, [{ key: target.ref.key }]);
      continue;
    }
    let batch: { key: string }[] = [];
    const listing = target.connection.storage.listObjects(
      target.ref,
      target.ref.key === '' ? {} : { prefix: target.ref.key },
    );
    for await (const page of listing) {
      for (const entry of page.entries) {
        if (entry.kind !== 'object') continue;
        batch.push({ key: entry.key });
        if (batch.length === BATCH) {
          await apply(target, batch);
          batch = [];
        }
      }
    }
    await apply(target, batch);
  }
  return merged;
}

/** Counts what a plan would delete (prefixes listed in full), for the confirmation question. */
export async function countRemoval(plan: RemovalPlan): Promise<number> {
  let count = 0;
  for (const { target, prefix } of plan.targets) {
    if (!prefix) {
      count += 1;
      continue;
    }
    const listing = target.connection.storage.listObjects(
      target.ref,
      target.ref.key === '' ? {} : { prefix: target.ref.key },
    );
    for await (const page of listing) {
      count += page.entries.filter((entry) => entry.kind === 'object').length;
    }
  }
  return count;
}
