import {
  COMPUTE_TYPES,
  invalidInput,
  parseResourceUid,
  type ActionInput,
  type ActionResult,
} from '@ccx/core';
import type { ActionPlan, ActionSubject } from './action-plan';
import { NO_ASSOCIATION } from './displaced-address';
import { stringOrNull } from './resource-fields';

type AssociateInput = Extract<ActionInput, { action: 'compute.associate-address' }>;
type DisassociateInput = Extract<ActionInput, { action: 'compute.disassociate-address' }>;

/** The instance an address is to point at, as the store (or, in the CLI, the provider) has it. */
export type InstanceSubject = ActionSubject;

/** States from which an instance can no longer take an address. */
const GONE_STATES: ReadonlySet<string> = new Set(['shutting-down', 'terminated']);

/** The instance an Elastic IP points at, or null when it is not associated. */
export function associatedInstance(address: Pick<ActionSubject, 'state' | 'attributes'>): {
  associated: boolean;
  instanceId: string | null;
} {
  const instanceId = stringOrNull(address.attributes['instanceId']);
  const associated =
    address.state === 'in-use' || stringOrNull(address.attributes['associationId']) !== null;
  return { associated: associated || instanceId !== null, instanceId };
}

/**
 * Why an address cannot take this association action now (type and capability aside), or
 * null. An address associated elsewhere is not moved: EC2 would refuse it, and taking an
 * address from a running instance is a decision to make by disassociating first.
 */
export function addressRefusal(
  address: ActionSubject,
  action: 'compute.associate-address' | 'compute.disassociate-address',
): string | null {
  const { associated, instanceId } = associatedInstance(address);
  if (action === 'compute.disassociate-address')
    return associated ? null : 'it is not associated with an instance';
  if (!associated) return null;
  return `it is already associated with ${instanceId ?? 'another resource'}; disassociate it first`;
}

/**
 * Checks the instance an address is to be associated with: an `ec2.instance` the inventory
 * holds, in the address's own provider, account and region, and not terminated. A bad choice
 * of instance is `invalid_input`.
 */
export function planAssociate(
  address: ActionSubject,
  input: AssociateInput,
  instance: InstanceSubject | null,
): ActionPlan {
  const named = parseResourceUid(input.instance);
  if (!named || named.type !== COMPUTE_TYPES.ec2Instance)
    throw invalidInput('An address is associated with an ec2.instance', {
      instance: input.instance,
    });
  if (!instance || instance.deletedAt)
    throw invalidInput('That instance is not in the inventory', { instance: input.instance });
  if (
    instance.provider !== address.provider ||
    instance.account !== address.account ||
    instance.region !== address.region
  )
    throw invalidInput(
      `The instance is in ${instance.account}/${instance.region}; the address is in ${address.account}/${address.region}`,
      { instance: input.instance },
    );
  if (instance.state !== null && GONE_STATES.has(instance.state))
    throw invalidInput(`The instance is ${instance.state}`, { instance: input.instance });
  const instanceId = instance.id;
  return {
    input,
    waitFor: null,
    readBack: 'result',
    audit: { previousInstanceId: associatedInstance(address).instanceId, instanceId },
    send: (c, ref, o) => c.associateAddress!(ref, instanceId, o),
    attributesAfter: (result: ActionResult) => ({
      associationId: stringOrNull(result.detail['associationId']),
      instanceId,
    }),
  };
}

export function planDisassociate(address: ActionSubject, input: DisassociateInput): ActionPlan {
  return {
    input,
    waitFor: null,
    readBack: 'result',
    audit: { previousInstanceId: associatedInstance(address).instanceId },
    send: (c, ref, o) => c.disassociateAddress!(ref, o),
    attributesAfter: () => ({ ...NO_ASSOCIATION }),
  };
}
