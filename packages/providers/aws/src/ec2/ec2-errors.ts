import { CcxError } from '@ccx/core';
import { fromAwsError } from '../errors';

/** EC2 codes that say the request itself was wrong: the caller can fix it, retrying cannot. */
const INVALID = new Set([
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidInstanceType',
  'InvalidInstanceAttributeValue',
  'MissingParameter',
  'InvalidVolumeID.Malformed',
  'InvalidAllocationID.Malformed',
]);
/** EC2 codes that say the resource is in the way: associated, in use, over a quota. */
const CONFLICT = new Set([
  'Resource.AlreadyAssociated',
  'InvalidIPAddress.InUse',
  'AddressLimitExceeded',
]);

/**
 * `fromAwsError` plus the EC2 codes of the compute actions that the shared mapping leaves as
 * `provider_error`, so an impossible resize or a taken address reaches the user as a 400/409.
 */
export function fromEc2Error(error: unknown, what: string): CcxError {
  const mapped = fromAwsError(error, what);
  if (mapped.code !== 'provider_error') return mapped;
  const awsCode = typeof mapped.details.awsCode === 'string' ? mapped.details.awsCode : '';
  const code = INVALID.has(awsCode) ? 'invalid_input' : CONFLICT.has(awsCode) ? 'conflict' : null;
  if (!code) return mapped;
  return new CcxError(code, mapped.message, {
    cause: error,
    details: mapped.details,
    retryable: false,
  });
}
