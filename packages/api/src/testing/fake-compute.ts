import {
  CcxError,
  resourceUid,
  type ActionOptions,
  type ActionResult,
  type ComputeActions,
  type ComputeStatus,
  type ProviderConnection,
  type ProviderId,
  type ResourceRef,
} from '@ccx/core';

type ComputeOp = Exclude<keyof ComputeActions, 'types'>;

/**
 * A connection with a scripted compute capability: it records every call and answers with the
 * next state, or throws `failWith` when set. Machines it has not seen are `running` at
 * `m5.large`; start, stop and resize move them at once, so `describe` and `waitFor` agree with
 * what was asked. Used where the provider itself is not under test.
 */
export function fakeComputeConnection(name: string, provider: ProviderId = 'aws') {
  const calls: { op: ComputeOp; ref: ResourceRef; size?: string }[] = [];
  const control: { failWith: Error | null } = { failWith: null };
  const machines = new Map<string, ComputeStatus>();
  const machine = (ref: ResourceRef): ComputeStatus => {
    const uid = resourceUid(ref);
    let status = machines.get(uid);
    if (!status) {
      status = { state: 'running', size: 'm5.large' };
      machines.set(uid, status);
    }
    return status;
  };
  const record = (op: ComputeOp, ref: ResourceRef, size?: string): Promise<void> => {
    calls.push(size === undefined ? { op, ref } : { op, ref, size });
    return control.failWith ? Promise.reject(control.failWith) : Promise.resolve();
  };
  const act =
    (op: 'startInstance' | 'stopInstance' | 'rebootInstance', state: string, settled: string) =>
    async (ref: ResourceRef): Promise<ActionResult> => {
      await record(op, ref);
      machine(ref).state = settled;
      return { state, detail: { requestId: `req-${calls.length}` } };
    };
  const compute: ComputeActions = {
    types: ['ec2.instance', 'ec2.address'],
    startInstance: act('startInstance', 'pending', 'running'),
    stopInstance: act('stopInstance', 'stopping', 'stopped'),
    rebootInstance: act('rebootInstance', 'running', 'running'),
    async resizeInstance(ref, size, options: ActionOptions = {}) {
      await record('resizeInstance', ref, size);
      const status = machine(ref);
      if (status.size === size) throw new CcxError('invalid_input', `already ${size}`);
      const wasRunning = status.state === 'running';
      const steps = wasRunning
        ? ['stopping', 'stopped', 'modifying', 'modified', 'starting', 'running']
        : ['modifying', 'modified'];
      for (const step of steps)
        options.onProgress?.({
          step,
          state: step === 'running' ? 'running' : 'stopped',
          at: new Date().toISOString(),
        });
      const previousSize = status.size;
      status.size = size;
      return { state: status.state, detail: { previousSize, size } };
    },
    async describe(ref) {
      await record('describe', ref);
      return { ...machine(ref) };
    },
    async waitFor(ref, target) {
      await record('waitFor', ref);
      return { ...machine(ref), state: target === 'stable' ? 'active' : target };
    },
  };
  const connection: ProviderConnection = {
    provider,
    name,
    scopes: () => Promise.resolve([]),
    compute,
    close: () => Promise.resolve(),
  };
  return { connection, calls, control, machines };
}
