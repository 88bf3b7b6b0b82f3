import {
  CcxError,
  isCcxError,
  type ActionProgress,
  type ActionResult,
  type ComputeActions,
  type ComputeStatus,
  type ResourceRef,
} from '@ccx/core';
import type { ActionPlan } from './action-plan';
import { attributesFromStatus } from './resource-fields';

export interface ExecutedAction {
  result: ActionResult;
  /** What the provider reports once the target is reached (or the sequence ended). */
  status: ComputeStatus;
  /** The attribute patch for the stored resource: the provider's reading and the call's answer. */
  attributes: Record<string, unknown>;
}

export interface ExecuteOptions {
  signal: AbortSignal;
  onProgress: (progress: ActionProgress) => void;
  /** How long to wait for the target; the provider's default (15 minutes) when absent. */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Sends a planned action and follows it to its end: the call, then the wait for its target
 * (start → running, stop → stopped, scale and deploy → stable), then the provider's own reading
 * of the resource (or, for an address, the call's answer). The API's operations and the CLI
 * both run actions through here.
 */
export async function executeAction(
  compute: ComputeActions,
  ref: ResourceRef,
  plan: ActionPlan,
  options: ExecuteOptions,
): Promise<ExecutedAction> {
  const now = options.now ?? (() => new Date());
  const { signal, onProgress } = options;
  const result = await plan.send(compute, ref, { signal, onProgress });
  onProgress({ step: 'accepted', state: result.state, at: now().toISOString() });
  const status = plan.waitFor
    ? await compute.waitFor(ref, plan.waitFor, {
        signal,
        onProgress,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      })
    : plan.readBack === 'result'
      ? { state: result.state, size: null }
      : await compute.describe(ref, { signal });
  onProgress({ step: 'done', state: status.state, at: now().toISOString() });
  const attributes = {
    ...attributesFromStatus(ref.type, status),
    ...(plan.attributesAfter?.(result) ?? {}),
  };
  return { result, status, attributes };
}

/**
 * The error an action ends with, safe to show and to audit: a domain error keeps its code and
 * message (their classes carry no credentials); anything else becomes a bare provider error,
 * since its message may hold URLs, keys or stack detail.
 */
export function actionFailure(error: unknown): CcxError {
  if (isCcxError(error)) return error;
  return new CcxError('provider_error', 'The provider call failed', { cause: error });
}
