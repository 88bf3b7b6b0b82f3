import {
  AssociateAddressCommand,
  DescribeAddressesCommand,
  DisassociateAddressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CcxError, type ActionResult } from '@ccx/core';
import { z } from 'zod';
import { fromEc2Error } from './ec2-errors';

const instanceIdSchema = z.string().regex(/^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/);

/**
 * Associates the Elastic IP with the instance's primary interface. An address associated
 * elsewhere is not moved (EC2 answers Resource.AlreadyAssociated, a `conflict`): taking an
 * address from a running service is a decision for the user, not a side effect.
 */
export async function associateAddress(
  client: EC2Client,
  allocationId: string,
  instanceId: string,
  signal?: AbortSignal,
): Promise<ActionResult> {
  if (!instanceIdSchema.safeParse(instanceId).success)
    throw new CcxError('invalid_input', 'Expected an EC2 instance id (i-…)', {
      details: { instanceId: instanceId.slice(0, 64) },
    });
  try {
    const out = await client.send(
      new AssociateAddressCommand({ AllocationId: allocationId, InstanceId: instanceId }),
      { abortSignal: signal },
    );
    return {
      state: 'in-use',
      detail: {
        associationId: out.AssociationId ?? null,
        instanceId,
        requestId: out.$metadata.requestId ?? null,
      },
    };
  } catch (error) {
    throw fromEc2Error(error, `Associating ${allocationId} with ${instanceId}`);
  }
}

/** Disassociates the Elastic IP wherever it is; an unassociated one is left as it is. */
export async function disassociateAddress(
  client: EC2Client,
  allocationId: string,
  signal?: AbortSignal,
): Promise<ActionResult> {
  try {
    const found = await client.send(
      new DescribeAddressesCommand({ AllocationIds: [allocationId] }),
      { abortSignal: signal },
    );
    const address = found.Addresses?.[0];
    if (!address?.AssociationId)
      return { state: 'available', detail: { associationId: null, instanceId: null } };
    const out = await client.send(
      new DisassociateAddressCommand({ AssociationId: address.AssociationId }),
      { abortSignal: signal },
    );
    return {
      state: 'available',
      detail: {
        associationId: address.AssociationId,
        instanceId: address.InstanceId ?? null,
        requestId: out.$metadata.requestId ?? null,
      },
    };
  } catch (error) {
    throw fromEc2Error(error, `Disassociating ${allocationId}`);
  }
}
