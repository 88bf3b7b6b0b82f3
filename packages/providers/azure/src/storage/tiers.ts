import { CcxError } from '@ccx/core';

/** Access tiers of block blobs that `setAccessTier` accepts on a standard account. */
export const ACCESS_TIERS = ['Hot', 'Cool', 'Cold', 'Archive'] as const;
export type AccessTier = (typeof ACCESS_TIERS)[number];

/** Accepts a tier in any letter case (`cool`, `COOL`) and returns Azure's spelling. */
export function accessTier(value: string): AccessTier {
  const tier = ACCESS_TIERS.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (!tier)
    throw new CcxError(
      'invalid_input',
      `Unknown Azure access tier "${value.slice(0, 32)}": expected one of ${ACCESS_TIERS.join(', ')}`,
      { details: { field: 'storageClass' } },
    );
  return tier;
}
