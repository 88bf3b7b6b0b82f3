import type { MetricRange } from '@ccx/core';
import type { ComputeListQuery } from '../api/compute';

/**
 * React-query keys of the compute pages, all under `compute` so a finished action can
 * refresh every list and detail by prefix. Operations have their own prefix: they are polled
 * on their own schedule and must not be refetched by that invalidation.
 */
export const computeKeys = {
  all: ['compute'] as const,
  list: (query: ComputeListQuery) => ['compute', 'list', query] as const,
  detail: (uid: string) => ['compute', 'one', uid] as const,
  metrics: (uid: string, range: MetricRange) => ['compute', 'metrics', uid, range] as const,
  audit: (uid: string) => ['compute', 'audit', uid] as const,
  /** The instances an address of this account and region can take, matching `q` (trimmed). */
  addressTargets: (address: { provider: string; account: string; region: string }, q: string) =>
    [
      'compute',
      'address-targets',
      address.provider,
      address.account,
      address.region,
      q.trim(),
    ] as const,
  operation: (id: string) => ['operations', id] as const,
};
