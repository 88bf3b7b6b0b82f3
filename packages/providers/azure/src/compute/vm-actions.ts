import type { VirtualMachinesOperations } from '@azure/arm-compute';
import {
  CcxError,
  COMPUTE_TYPES,
  sizeNameSchema,
  STOPPED_STATES,
  type ActionOptions,
  reportProgress,
  type ActionResult,
  type ComputeActions,
  type ComputeStatus,
  type ResourceRef,
  type WaitTarget,
} from '@ccx/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ArmClients } from './arm-clients';
import { fromArmError } from './arm-errors';
import { vmCoordinates } from './arm-id';
import type { SubscriptionListing } from './listing';
import { normalisedState, powerStateCode } from './map-vm';

const DEFAULT_WAIT_TIMEOUT_MS = 15 * 60_000;

type PowerOperation = 'beginStart' | 'beginDeallocate' | 'beginRestart';
const STEP_OF: Record<PowerOperation, string> = {
  beginStart: 'starting',
  beginDeallocate: 'deallocating',
  beginRestart: 'restarting',
};

/**
 * Actions on Azure VMs through arm-compute's long-running operations. Power actions resolve
 * once ARM accepted them (202), with the state the instance view shows right then; stop is a
 * deallocate, since a VM that is only powered off is still billed. Resize updates
 * `hardwareProfile.vmSize` and follows the operation to its end (Azure restarts a running VM
 * to apply it). `waitFor` polls the instance view until the target or the timeout: no VM
 * state is final (someone else may start a deallocated VM meanwhile).
 */
export function vmActions(clients: ArmClients, listing: SubscriptionListing): ComputeActions {
  const operations = (subscriptionId: string): VirtualMachinesOperations =>
    clients.compute(subscriptionId).virtualMachines;

  async function describe(ref: ResourceRef, signal?: AbortSignal): Promise<ComputeStatus> {
    const vm = vmCoordinates(ref);
    try {
      const found = await operations(vm.subscriptionId).get(vm.resourceGroup, vm.name, {
        expand: 'instanceView',
        abortSignal: signal,
      });
      return {
        state: normalisedState(powerStateCode(found.instanceView?.statuses)),
        size: found.hardwareProfile?.vmSize ?? null,
      };
    } catch (error) {
      throw fromArmError(error, `Reading VM ${vm.name}`);
    }
  }

  async function power(
    ref: ResourceRef,
    operation: PowerOperation,
    options?: ActionOptions,
  ): Promise<ActionResult> {
    const vm = vmCoordinates(ref);
    const before = await describe(ref, options?.signal);
    let requestId: string | null = null;
    try {
      await operations(vm.subscriptionId)[operation](vm.resourceGroup, vm.name, {
        abortSignal: options?.signal,
        updateIntervalInMs: clients.pollIntervalMs,
        onResponse: (response) => {
          requestId ??= response.headers.get('x-ms-request-id') ?? null;
        },
      });
    } catch (error) {
      throw fromArmError(error, `${STEP_OF[operation]} VM ${vm.name}`);
    } finally {
      listing.invalidate(vm.subscriptionId);
    }
    const after = await describe(ref, options?.signal);
    reportProgress(options, STEP_OF[operation], after.state);
    return {
      state: after.state,
      detail: { previousState: before.state, size: after.size, requestId },
    };
  }

  async function resizeInstance(
    ref: ResourceRef,
    size: string,
    options?: ActionOptions,
  ): Promise<ActionResult> {
    const vm = vmCoordinates(ref);
    const parsed = sizeNameSchema.safeParse(size);
    if (!parsed.success) throw new CcxError('invalid_input', `Not a VM size: ${size.slice(0, 64)}`);
    const before = await describe(ref, options?.signal);
    if (before.size?.toLowerCase() === parsed.data.toLowerCase())
      throw new CcxError('invalid_input', `The VM is already of size ${parsed.data}`);
    reportProgress(options, 'modifying', before.state, `${before.size ?? '?'} → ${parsed.data}`);
    let requestId: string | null = null;
    try {
      const poller = await operations(vm.subscriptionId).beginUpdate(
        vm.resourceGroup,
        vm.name,
        { hardwareProfile: { vmSize: parsed.data } },
        {
          abortSignal: options?.signal,
          updateIntervalInMs: clients.pollIntervalMs,
          onResponse: (response) => {
            requestId ??= response.headers.get('x-ms-request-id') ?? null;
          },
        },
      );
      const during = await describe(ref, options?.signal);
      reportProgress(options, 'polling', during.state);
      await poller.pollUntilDone({ abortSignal: options?.signal });
    } catch (error) {
      throw fromArmError(error, `Resizing VM ${vm.name}`);
    } finally {
      listing.invalidate(vm.subscriptionId);
    }
    const after = await describe(ref, options?.signal);
    reportProgress(options, after.state ?? 'done', after.state);
    return {
      state: after.state,
      detail: {
        previousSize: before.size,
        size: after.size,
        previousState: before.state,
        requestId,
      },
    };
  }

  const reached = (state: string | null, target: WaitTarget) =>
    target === 'running' ? state === 'running' : state !== null && STOPPED_STATES.has(state);
  async function waitFor(
    ref: ResourceRef,
    target: WaitTarget,
    options?: Parameters<ComputeActions['waitFor']>[2],
  ): Promise<ComputeStatus> {
    vmCoordinates(ref);
    if (target === 'stable')
      throw new CcxError('invalid_input', 'A VM has no deployment to wait for');
    const deadline = Date.now() + (options?.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
    let last: string | null | undefined;
    for (;;) {
      const status = await describe(ref, options?.signal);
      if (status.state !== last)
        reportProgress(options, reached(status.state, target) ? target : 'polling', status.state);
      last = status.state;
      if (reached(status.state, target)) return status;
      if (Date.now() + clients.pollIntervalMs > deadline)
        throw new CcxError(
          'unavailable',
          `The VM did not become ${target} in time (last seen ${status.state ?? 'unknown'})`,
          {
            retryable: true,
            details: { state: status.state, target },
          },
        );
      try {
        await sleep(clients.pollIntervalMs, undefined, { signal: options?.signal });
      } catch (error) {
        throw new CcxError('unavailable', 'Waiting for the VM was cancelled', { cause: error });
      }
    }
  }

  return {
    types: [COMPUTE_TYPES.azureVm],
    startInstance: (ref, options) => power(ref, 'beginStart', options),
    stopInstance: (ref, options) => power(ref, 'beginDeallocate', options),
    rebootInstance: (ref, options) => power(ref, 'beginRestart', options),
    resizeInstance,
    describe: (ref, options) => describe(ref, options?.signal),
    waitFor,
  };
}
