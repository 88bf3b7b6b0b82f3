import {
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import { CcxError, type ActionResult, type ComputeActions, type ResourceRef } from '@ccx/core';
import type { AccountDirectory } from './account-directory';
import type { ClientPool } from './client-pool';
import { fromAwsError } from './errors';
import { EC2_INSTANCE } from './map-instance';

function stateChange(
  change: InstanceStateChange | undefined,
  requestId: string | undefined,
): ActionResult {
  return {
    state: change?.CurrentState?.Name ?? null,
    detail: { previousState: change?.PreviousState?.Name ?? null, requestId: requestId ?? null },
  };
}

/**
 * Power actions on one EC2 instance, sent with the client of the instance's own account and
 * region. Each resolves once EC2 accepted the call, with the state EC2 reported right then
 * (`stopping`, `pending`); reboot reports no state because EC2 returns none.
 */
export function ec2Compute(accounts: AccountDirectory, clients: ClientPool): ComputeActions {
  async function clientFor(ref: ResourceRef) {
    if (ref.provider !== 'aws' || ref.type !== EC2_INSTANCE) {
      throw new CcxError('invalid_input', `Not an EC2 instance: ${ref.provider} ${ref.type}`);
    }
    return clients.ec2(await accounts.byId(ref.account), ref.region);
  }

  return {
    async startInstance(ref) {
      const client = await clientFor(ref);
      try {
        const out = await client.send(new StartInstancesCommand({ InstanceIds: [ref.id] }));
        return stateChange(out.StartingInstances?.[0], out.$metadata.requestId);
      } catch (error) {
        throw fromAwsError(error, `Starting ${ref.id}`);
      }
    },
    async stopInstance(ref) {
      const client = await clientFor(ref);
      try {
        const out = await client.send(new StopInstancesCommand({ InstanceIds: [ref.id] }));
        return stateChange(out.StoppingInstances?.[0], out.$metadata.requestId);
      } catch (error) {
        throw fromAwsError(error, `Stopping ${ref.id}`);
      }
    },
    async rebootInstance(ref) {
      const client = await clientFor(ref);
      try {
        const out = await client.send(new RebootInstancesCommand({ InstanceIds: [ref.id] }));
        return { state: null, detail: { requestId: out.$metadata.requestId ?? null } };
      } catch (error) {
        throw fromAwsError(error, `Rebooting ${ref.id}`);
      }
    },
  };
}
