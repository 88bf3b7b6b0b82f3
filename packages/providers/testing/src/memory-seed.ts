import type { BucketRef } from '@ccx/core';
import type { MemoryBucketInit, MemoryObjectInit, MemoryStorage } from './memory-storage';

export interface MemoryBucketSeed extends MemoryBucketInit {
  objects?: MemoryObjectInit[];
}

/** Creates each bucket with its objects; returns the refs in the order given. */
export function seedMemoryStorage(
  storage: MemoryStorage,
  seed: readonly MemoryBucketSeed[],
): BucketRef[] {
  return seed.map(({ objects = [], ...bucket }) => {
    const ref = storage.addBucket(bucket);
    for (const object of objects) storage.addObject(ref, object);
    return ref;
  });
}
