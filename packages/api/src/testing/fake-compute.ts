import type {
  ActionResult,
  ComputeActions,
  ProviderConnection,
  ProviderId,
  ResourceRef,
} from '@ccx/core';

/**
 * A connection with a scripted compute capability: it records every call and answers with the
 * next state, or throws `failWith` when set. Used where the provider itself is not under test.
 */
export function fakeComputeConnection(name: string, provider: ProviderId = 'aws') {
  const calls: { op: keyof ComputeActions; ref: ResourceRef }[] = [];
  const control: { failWith: Error | null } = { failWith: null };
  const act =
    (op: keyof ComputeActions, state: string) =>
    (ref: ResourceRef): Promise<ActionResult> => {
      calls.push({ op, ref });
      if (control.failWith) return Promise.reject(control.failWith);
      return Promise.resolve({ state, detail: { requestId: `req-${calls.length}` } });
    };
  const connection: ProviderConnection = {
    provider,
    name,
    scopes: () => Promise.resolve([]),
    compute: {
      startInstance: act('startInstance', 'pending'),
      stopInstance: act('stopInstance', 'stopping'),
      rebootInstance: act('rebootInstance', 'running'),
    },
    close: () => Promise.resolve(),
  };
  return { connection, calls, control };
}
