import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxAccount } from '../estate/account';
import type { SeedBucket } from '../storage-seed/types';
import { createS3Handler, type S3HandlerDeps } from './s3-handler';
import { bucketFromSeed, syntheticBucket } from './seed-loader';
import { S3State } from './s3-state';

/** A single PUT or part larger than this is refused with EntityTooLarge (S3 allows 5 GiB). */
export const SANDBOX_MAX_OBJECT_BYTES = 256 * 1024 * 1024;

export interface SyntheticBucketSpec {
  name: string;
  /** The estate's first account when absent. */
  account?: string;
  objects: number;
  region: string;
}

/**
 * The S3 simulator: in-memory state plus the handler the shared endpoint routes S3 requests
 * to. The seeded buckets (`provider: 'aws'` of the storage seed) are generated when the first
 * S3 request arrives: seeding takes about a second, which sandboxes that never see S3 skip.
 */
export function createS3Simulator(
  deps: Omit<S3HandlerDeps, 'state' | 'maxObjectBytes'>,
  accounts: readonly SandboxAccount[],
  synthetic: readonly SyntheticBucketSpec[],
  seedBuckets: () => readonly SeedBucket[],
) {
  const state = new S3State();
  const known = new Set(accounts.map((a) => a.id));
  for (const spec of synthetic) {
    const account = spec.account ?? accounts[0]?.id;
    if (account === undefined || !known.has(account))
      throw new Error(
        `Synthetic bucket ${spec.name}: account ${String(account)} is not in the sandbox estate`,
      );
    state.add(syntheticBucket(spec.name, account, spec.region, spec.objects, deps.now()));
  }
  const serve = createS3Handler({ ...deps, state, maxObjectBytes: SANDBOX_MAX_OBJECT_BYTES });
  let seeded = false;
  const handle = (req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string) => {
    if (!seeded) {
      seeded = true;
      for (const bucket of seedBuckets())
        if (bucket.provider === 'aws' && !state.find(bucket.name))
          state.add(bucketFromSeed(bucket));
    }
    return serve(req, res, rawPath, rawQuery);
  };
  return { state, handle };
}
