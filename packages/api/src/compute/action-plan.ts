import {
  ACTIONS,
  COMPUTE_STATES,
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
  send(compute: ComputeActions, ref: ResourceRef, options: ActionOptions): Promise<ActionResult>;
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
 * one. An action the resource cannot take is a `conflict`, a bad parameter `invalid_input`.
 * Whether a well-spelled size exists is left to the provider, which refuses it the same way.
 */
export function planAction(
  subject: ActionSubject,
  compute: ComputeActions | undefined,
  input: ActionInput,
): ActionPlan {
  const refused = refusal(subject, compute, input.action);
  if (refused !== null)
    throw conflict(`Cannot ${ACTIONS[input.action].label.toLowerCase()}: ${refused}`, {
      action: input.action,
      type: subject.type,
      state: subject.state,
    });
  switch (input.action) {
    case 'compute.start':
      return { input, waitFor: 'running', send: (c, ref, o) => c.startInstance(ref, o) };
    case 'compute.stop':
      return { input, waitFor: 'stopped', send: (c, ref, o) => c.stopInstance(ref, o) };
    case 'compute.reboot':
      return { input, waitFor: 'running', send: (c, ref, o) => c.rebootInstance(ref, o) };
    case 'compute.resize': {
      const spelling = SIZE_SPELLING[subject.provider];
      if (spelling && !spelling.test(input.size))
        throw invalidInput(`${input.size} is not a ${subject.provider} size`, { size: input.size });
      if (sizeOf(subject) === input.size)
        throw invalidInput(`It already is ${input.size}`, { size: input.size });
      const { size } = input;
      return { input, waitFor: null, send: (c, ref, o) => c.resizeInstance!(ref, size, o) };
    }
    case 'compute.scale': {
      const { count } = input;
      return { input, waitFor: 'stable', send: (c, ref, o) => c.scaleService!(ref, count, o) };
    }
  }
}
