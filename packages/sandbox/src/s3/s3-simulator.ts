import type { SandboxAccount } from '../estate/account';
import { createS3Handler, type S3HandlerDeps } from './s3-handler';
import { syntheticBucket } from './seed-loader';
import { S3State } from './s3-state';

/** A single PUT or part larger than this is refused with EntityTooLarge (S3 allows 5 GiB). */
export const SANDBOX_MAX_OBJECT_BYTES = 256 * 1024 * 1024;

export interface SyntheticBucketSpec {
  name: string;
  account: string;
  objects: number;
  region: string;
}

/**
 * The S3 simulator: in-memory state plus the handler the shared endpoint routes S3 requests
 * to. Seeded buckets are added to `state` by the caller (`state.add(bucketFromSeed(…))`).
 */
export function createS3Simulator(
  deps: Omit<S3HandlerDeps, 'state' | 'maxObjectBytes'>,
  accounts: readonly SandboxAccount[],
  synthetic: readonly SyntheticBucketSpec[],
) {
  const state = new S3State();
  const known = new Set(accounts.map((a) => a.id));
  for (const spec of synthetic) {
    if (!known.has(spec.account))
      throw new Error(
        `Synthetic bucket ${spec.name}: account ${spec.account} is not in the sandbox estate`,
      );
    state.add(syntheticBucket(spec.name, spec.account, spec.region, spec.objects, deps.now()));
  }
  const handle = createS3Handler({ ...deps, state, maxObjectBytes: SANDBOX_MAX_OBJECT_BYTES });
  return { state, handle };
}
