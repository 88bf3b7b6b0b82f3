import { randomUUID } from 'node:crypto';
import type { ArmVm, Phase, PowerState } from './arm-estate';
import type { ArmError } from './arm-error';
import { armErrors } from './arm-error';
import { findVmSize, sizesIn } from './vm-sizes';

/** What ARM reports of a VM at one instant. */
export interface VmView {
  power: PowerState;
  provisioningState: 'Succeeded' | 'Updating';
}

/** The VM's state at `now`: the phase it is in, or its settled state once every phase passed. */
export function viewOf(vm: ArmVm, now: number): VmView {
  const phase = vm.phases.find((p) => p.until > now);
  return {
    power: phase ? phase.state : vm.power,
    provisioningState:
      vm.updatingUntil !== null && vm.updatingUntil > now ? 'Updating' : 'Succeeded',
  };
}

/** A long-running operation: `InProgress` until `endsAt`, then `Succeeded`. */
export interface ArmOperation {
  id: string;
  subscriptionId: string;
  location: string;
  startedAt: number;
  endsAt: number;
}

export type PowerAction = 'start' | 'powerOff' | 'deallocate' | 'restart';

const busy = (vm: ArmVm, now: number) =>
  vm.phases.some((p) => p.until > now) || (vm.updatingUntil !== null && vm.updatingUntil > now);

function inProgress(vm: ArmVm, operation: string): ArmError {
  return armErrors.conflict(
    `Operation '${operation}' is not allowed on VM '${vm.name}' since another operation is in progress on it.`,
  );
}

/**
 * Applies a power action, Azure's way: the call is accepted at once and the VM passes through
 * a transitional state (`starting`, `stopping`, `deallocating`) for `transitionMs`. An action
 * that finds the VM already where it leads completes at once; one that cannot apply (restart of
 * a VM that is not running) or that meets another operation in progress is refused with 409.
 */
export function applyPowerAction(
  vm: ArmVm,
  action: PowerAction,
  now: number,
  transitionMs: number,
): ArmOperation {
  if (busy(vm, now)) throw inProgress(vm, action);
  const settle = (phases: Phase[], to: PowerState): ArmOperation => {
    vm.phases = phases;
    vm.power = to;
    return operationFor(vm, now, phases.at(-1)?.until ?? now);
  };
  const current = vm.power;
  switch (action) {
    case 'start':
      return current === 'running'
        ? settle([], 'running')
        : settle([{ state: 'starting', until: now + transitionMs }], 'running');
    case 'powerOff':
      return current === 'running'
        ? settle([{ state: 'stopping', until: now + transitionMs }], 'stopped')
        : settle([], current);
    case 'deallocate':
      return current === 'deallocated'
        ? settle([], 'deallocated')
        : settle([{ state: 'deallocating', until: now + transitionMs }], 'deallocated');
    case 'restart':
      if (current !== 'running')
        throw armErrors.operationNotAllowed(
          `Operation 'restart' is not allowed on VM '${vm.name}' since the VM is ${current}.`,
        );
      return settle([{ state: 'starting', until: now + transitionMs }], 'running');
  }
}

/**
 * Changes the VM's size. Unknown sizes are `InvalidParameter`; sizes the region does not offer
 * are `SkuNotAvailable`. A running VM is restarted to take the new size (stopping, then
 * starting); a stopped or deallocated one just takes it. `provisioningState` is `Updating`
 * until the change is done.
 */
export function applyResize(
  vm: ArmVm,
  requested: string,
  now: number,
  transitionMs: number,
): ArmOperation {
  const size = findVmSize(requested);
  if (!size)
    throw armErrors.invalidParameter(
      `The value ${requested} provided for the VM size is not valid. The valid sizes in the current region are: ${sizesIn(
        vm.location,
      )
        .map((s) => s.name)
        .join(',')}.`,
    );
  if (!sizesIn(vm.location).some((s) => s.name === size.name))
    throw armErrors.skuNotAvailable(size.name, vm.location);
  if (busy(vm, now)) throw inProgress(vm, 'Update');
  if (size.name === vm.size) return operationFor(vm, now, now);
  vm.size = size.name;
  const half = Math.round(transitionMs / 2);
  if (vm.power === 'running')
    vm.phases = [
      { state: 'stopping', until: now + half },
      { state: 'starting', until: now + transitionMs },
    ];
  const endsAt = vm.power === 'running' ? now + transitionMs : now + half;
  vm.updatingUntil = endsAt;
  return operationFor(vm, now, endsAt);
}

function operationFor(vm: ArmVm, now: number, endsAt: number): ArmOperation {
  return {
    id: randomUUID(),
    subscriptionId: vm.subscriptionId,
    location: vm.location,
    startedAt: now,
    endsAt,
  };
}
