import {
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import {
  CcxError,
  COMPUTE_TYPES,
  sizeNameSchema,
  type ActionResult,
  type ComputeActions,
  type ResourceRef,
} from '@ccx/core';
import type { AccountDirectory } from './account-directory';
import type { ClientPool } from './client-pool';
import { associateAddress, disassociateAddress } from './ec2/address-actions';
import { fromEc2Error } from './ec2/ec2-errors';
import { describeInstance, statusOf } from './ec2/instance-status';
import { DEFAULT_WAIT_TIMEOUT_MS, waitForInstance } from './ec2/instance-waiters';
import { resizeInstance } from './ec2/resize-instance';

export interface Ec2ComputeOptions {
  /** First delay of the SDK waiters' polling, in seconds; their own 15 s when absent. */
  pollSeconds?: number;
}

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
 * Actions on EC2 instances and Elastic IPs, each sent with the client of the resource's own
 * account and region. Power actions resolve once EC2 accepted the call, with the state EC2
 * reported right then (`stopping`, `pending`; reboot reports none); `waitFor` and `resize`
 * follow through with the SDK's waiters.
 */
export function ec2Compute(
  accounts: AccountDirectory,
  clients: ClientPool,
  settings: Ec2ComputeOptions = {},
): ComputeActions {
  async function clientFor(ref: ResourceRef, type: string): Promise<EC2Client> {
    if (ref.provider !== 'aws' || ref.type !== type)
      throw new CcxError(
        'invalid_input',
        `Expected an AWS ${type}, not ${ref.provider} ${ref.type}`,
      );
    return clients.ec2(await accounts.byId(ref.account), ref.region);
  }
  const instanceClient = (ref: ResourceRef) => clientFor(ref, COMPUTE_TYPES.ec2Instance);
  const addressClient = (ref: ResourceRef) => clientFor(ref, COMPUTE_TYPES.ec2Address);

  return {
    types: [COMPUTE_TYPES.ec2Instance, COMPUTE_TYPES.ec2Address],
    async startInstance(ref, options) {
      const client = await instanceClient(ref);
      try {
        const out = await client.send(new StartInstancesCommand({ InstanceIds: [ref.id] }), {
          abortSignal: options?.signal,
        });
        return stateChange(out.StartingInstances?.[0], out.$metadata.requestId);
      } catch (error) {
        throw fromEc2Error(error, `Starting ${ref.id}`);
      }
    },
    async stopInstance(ref, options) {
      const client = await instanceClient(ref);
      try {
        const out = await client.send(new StopInstancesCommand({ InstanceIds: [ref.id] }), {
          abortSignal: options?.signal,
        });
        return stateChange(out.StoppingInstances?.[0], out.$metadata.requestId);
      } catch (error) {
        throw fromEc2Error(error, `Stopping ${ref.id}`);
      }
    },
    async rebootInstance(ref, options) {
      const client = await instanceClient(ref);
      try {
        const out = await client.send(new RebootInstancesCommand({ InstanceIds: [ref.id] }), {
          abortSignal: options?.signal,
        });
        return { state: null, detail: { requestId: out.$metadata.requestId ?? null } };
      } catch (error) {
        throw fromEc2Error(error, `Rebooting ${ref.id}`);
      }
    },
    async resizeInstance(ref, size, options = {}) {
      const client = await instanceClient(ref);
      if (!sizeNameSchema.safeParse(size).success)
        throw new CcxError('invalid_input', 'Expected an instance type such as m5.large');
      return resizeInstance({
        client,
        id: ref.id,
        size,
        options,
        pollSeconds: settings.pollSeconds,
        waitTimeoutMs: DEFAULT_WAIT_TIMEOUT_MS,
      });
    },
    async associateAddress(address, instanceId, options) {
      const client = await addressClient(address);
      return associateAddress(client, address.id, instanceId, options?.signal);
    },
    async disassociateAddress(address, options) {
      const client = await addressClient(address);
      return disassociateAddress(client, address.id, options?.signal);
    },
    async describe(ref, options) {
      const client = await instanceClient(ref);
      return statusOf(await describeInstance(client, ref.id, options?.signal));
    },
    async waitFor(ref, target, options = {}) {
      const client = await instanceClient(ref);
      if (target !== 'running' && target !== 'stopped')
        throw new CcxError('invalid_input', `An EC2 instance cannot be waited on for '${target}'`);
      return waitForInstance(client, ref.id, target, {
        ...options,
        pollSeconds: settings.pollSeconds,
      });
    },
  };
}
