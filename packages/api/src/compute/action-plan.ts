import {
  ACTIONS,
  COMPUTE_STATES,
  COMPUTE_TYPES,
  INSTANCE_TYPES,
  SERVICE_TYPES,
  conflict,
  invalidInput,
  roleAllows,
  type ActionInput,
  type ActionName,
  type ActionOptions,
  type ActionResult,
  type ComputeActions,
  type ResourceRef,
  type Role,
  type WaitTarget,
} from '@ccx/core';
import type { StoredResource } from '@ccx/store';
import {
  addressRefusal,
  planAssociate,
  planDisassociate,
  type InstanceSubject,
} from './address-plan';
import { planDeploy } from './deploy-plan';
import { sizeOf } from './resource-fields';

/** What the action table needs to know about a resource. */
export type ActionSubject = Pick<
  StoredResource,
  'provider' | 'account' | 'region' | 'type' | 'id' | 'state' | 'attributes'
> & { deletedAt?: string | null };

/**
 * One validated action, ready to send: the provider call, and what to wait for afterwards
 * (null when the call itself runs the whole sequence, as a resize does).
 */
export interface ActionPlan {
  input: ActionInput;
  waitFor: WaitTarget | null;
  /**
   * Without a wait, how the outcome is read: the provider's `describe`, or the call's own
   * answer for what `describe` does not read (an Elastic IP has no power state to follow).
   */
  readBack: 'describe' | 'result';
  send(compute: ComputeActions, ref: ResourceRef, options: ActionOptions): Promise<ActionResult>;
  /** What the resource was before, for the `pending` audit entry (the previous revision…). */
  audit?: Record<string, unknown>;
  /**
   * Attributes the call changed that the provider's reading does not carry (an address's
   * association, a service's task definition), patched into the stored resource afterwards.
   */
  attributesAfter?(result: ActionResult): Record<string, unknown>;
}

/** What some actions check besides the resource itself: the instance an address goes to. */
export interface ActionContext {
  /** For `compute.associate-address`: the stored instance its `instance` uid names, or null. */
  instance?: InstanceSubject | null;
}

/**
 * States each action may start from. A state outside the known vocabulary (or none) lets the
 * action through and leaves the verdict to the provider; a known state not listed refuses it
 * before anything is sent. Azure's `stopped` still bills compute, so stopping it again (a
 * deallocation) is allowed there.
 */
const ALLOWED_FROM: Record<ActionName, (type: string) => ReadonlySet<string>> = {
  'compute.start': () => new Set(['stopped', 'deallocated']),
  'compute.stop': (type) =>
    new Set(type === 'azure.vm' ? ['running', 'pending', 'stopped'] : ['running', 'pending']),
  'compute.reboot': () => new Set(['running']),
  'compute.resize': () => new Set(['running', 'stopped', 'deallocated']),
  'compute.scale': () => new Set(['active']),
  'compute.deploy': () => new Set(['active']),
  // Addresses are `in-use` or `available`, outside the vocabulary; `addressRefusal` decides.
  'compute.associate-address': () => new Set(),
  'compute.disassociate-address': () => new Set(),
};
const KNOWN_STATES: ReadonlySet<string> = new Set(COMPUTE_STATES);

/** Instance types and VM sizes as each provider spells them; anything else never reaches it. */
const SIZE_SPELLING: Partial<Record<string, RegExp>> = {
  aws: /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/,
  azure: /^(Standard|Basic)_[A-Za-z0-9_-]+$/,
};

/** Why `action` cannot run on `subject` now, or null when it can (parameters aside). */
export function refusal(
  subject: ActionSubject,
  compute: ComputeActions | undefined,
  action: ActionName,
): string | null {
  if (subject.deletedAt) return 'the resource no longer exists';
  if (!compute || !compute.types.includes(subject.type))
    return `its connection cannot act on ${subject.type}`;
  const machine = INSTANCE_TYPES.has(subject.type);
  switch (action) {
    case 'compute.start':
    case 'compute.stop':
    case 'compute.reboot':
      if (!machine) return `${ACTIONS[action].label} applies to instances and VMs`;
      break;
    case 'compute.resize':
      if (!machine || !compute.resizeInstance) return 'resize applies to instances and VMs';
      break;
    case 'compute.scale':
      if (!SERVICE_TYPES.has(subject.type) || !compute.scaleService)
        return 'scale applies to container services';
      break;
    case 'compute.deploy':
      if (!SERVICE_TYPES.has(subject.type) || !compute.registerTaskDefinitionRevision)
        return 'a new revision applies to container services';
      break;
    case 'compute.associate-address':
    case 'compute.disassociate-address': {
      const able =
        action === 'compute.associate-address'
          ? compute.associateAddress !== undefined
          : compute.disassociateAddress !== undefined;
      if (subject.type !== COMPUTE_TYPES.ec2Address || !able)
        return `${ACTIONS[action].label.toLowerCase()} applies to Elastic IPs`;
      const refused = addressRefusal(subject, action);
      if (refused !== null) return refused;
      break;
    }
  }
  const state = subject.state;
  if (state !== null && KNOWN_STATES.has(state) && !ALLOWED_FROM[action](subject.type).has(state))
    return `${ACTIONS[action].label} is not possible while it is ${state}`;
  return null;
}

/** Actions `role` may run on `subject` right now. */
export function allowedActions(
  subject: ActionSubject,
  compute: ComputeActions | undefined,
  role: Role,
): ActionName[] {
  return (Object.keys(ACTIONS) as ActionName[]).filter(
    (action) =>
      roleAllows(role, ACTIONS[action].role) && refusal(subject, compute, action) === null,
  );
}

/**
 * Checks an action against the resource before anything is sent: the type supports it, the
 * state allows it, a size is spelled as the provider spells sizes and differs from the current
 * one, a deploy changes something, an address goes to an instance beside it. An action the
 * resource cannot take is a `conflict`, a bad parameter `invalid_input`. Whether a well-spelled
 * size or image exists is left to the provider, which refuses it the same way.
 */
export function planAction(
  subject: ActionSubject,
  compute: ComputeActions | undefined,
  input: ActionInput,
  context: ActionContext = {},
): ActionPlan {
  // Asking for the association an address already has is a bad parameter, not a busy address.
  if (
    input.action === 'compute.associate-address' &&
    subject.type === COMPUTE_TYPES.ec2Address &&
    context.instance &&
    subject.attributes['instanceId'] === context.instance.id
  )
    throw invalidInput(`It is already associated with ${context.instance.id}`, {
      instance: input.instance,
    });
  const refused = refusal(subject, compute, input.action);
  if (refused !== null)
    throw conflict(`Cannot ${ACTIONS[input.action].label.toLowerCase()}: ${refused}`, {
      action: input.action,
      type: subject.type,
      state: subject.state,
    });
  switch (input.action) {
    case 'compute.start':
      return {
        input,
        waitFor: 'running',
        readBack: 'describe',
        send: (c, ref, o) => c.startInstance(ref, o),
      };
    case 'compute.stop':
      return {
        input,
        waitFor: 'stopped',
        readBack: 'describe',
        send: (c, ref, o) => c.stopInstance(ref, o),
      };
    case 'compute.reboot':
      return {
        input,
        waitFor: 'running',
        readBack: 'describe',
        send: (c, ref, o) => c.rebootInstance(ref, o),
      };
    case 'compute.resize': {
      const spelling = SIZE_SPELLING[subject.provider];
      if (spelling && !spelling.test(input.size))
        throw invalidInput(`${input.size} is not a ${subject.provider} size`, { size: input.size });
      if (sizeOf(subject) === input.size)
        throw invalidInput(`It already is ${input.size}`, { size: input.size });
      const { size } = input;
      return {
        input,
        waitFor: null,
        readBack: 'describe',
        send: (c, ref, o) => c.resizeInstance!(ref, size, o),
      };
    }
    case 'compute.scale': {
      const { count } = input;
      return {
        input,
        waitFor: 'stable',
        readBack: 'describe',
        send: (c, ref, o) => c.scaleService!(ref, count, o),
      };
    }
    case 'compute.deploy':
      return planDeploy(subject, input);
    case 'compute.associate-address':
      return planAssociate(subject, input, context.instance ?? null);
    case 'compute.disassociate-address':
      return planDisassociate(subject, input);
  }
}
