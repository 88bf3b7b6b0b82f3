import { AwsError } from '../aws/aws-error';
import type { Estate } from '../estate/estate';
import type { InstanceRecord } from '../estate/instance';

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Resolves instance ids for an operation, all or nothing: a malformed id is
 * InvalidInstanceID.Malformed, ids that do not exist in the caller's account and region are
 * reported together as InvalidInstanceID.NotFound, as EC2 does.
 */
export function resolveInstanceIds(
  estate: Estate,
  accountId: string,
  region: string,
  ids: readonly string[],
): InstanceRecord[] {
  const malformed = ids.find((id) => !INSTANCE_ID.test(id));
  if (malformed !== undefined)
    throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`, 400);
  const found: InstanceRecord[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const instance = estate.find(accountId, region, id);
    if (instance) found.push(instance);
    else missing.push(id);
  }
  if (missing.length === 1)
    throw new AwsError(
      'InvalidInstanceID.NotFound',
      `The instance ID '${missing[0]}' does not exist`,
      400,
    );
  if (missing.length > 1)
    throw new AwsError(
      'InvalidInstanceID.NotFound',
      `The instance IDs '${missing.join(', ')}' do not exist`,
      400,
    );
  return found;
}
