import {
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { CcxError, type ComputeStatus } from '@ccx/core';
import { fromEc2Error } from './ec2-errors';

/** The one instance of a DescribeInstances answer, or `not_found`. */
export function instanceOf(out: DescribeInstancesCommandOutput, id: string): Instance {
  const instance = out.Reservations?.flatMap((r) => r.Instances ?? []).find(
    (i) => i.InstanceId === id,
  );
  if (!instance) throw new CcxError('not_found', `EC2 instance ${id} not found`);
  return instance;
}

export function statusOf(instance: Instance): ComputeStatus {
  return { state: instance.State?.Name ?? null, size: instance.InstanceType ?? null };
}

/** DescribeInstances for one id, straight from EC2. */
export async function describeInstance(
  client: EC2Client,
  id: string,
  signal?: AbortSignal,
): Promise<Instance> {
  try {
    const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }), {
      abortSignal: signal,
    });
    return instanceOf(out, id);
  } catch (error) {
    throw fromEc2Error(error, `Describing ${id}`);
  }
}
