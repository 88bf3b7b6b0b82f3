import { COMPUTE_FINDING_KINDS } from '@ccx/insights';

/** Every finding kind the compute analysis writes: what the compute views count and show. */
export const COMPUTE_FINDING_KIND_LIST: readonly string[] = Object.values(COMPUTE_FINDING_KINDS);
