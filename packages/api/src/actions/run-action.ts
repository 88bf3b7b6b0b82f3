import type { ActionName } from '@ccx/core';
import { CcxError, conflict, isCcxError, notFound } from '@ccx/core';
import type { Store } from '@ccx/store';
import type { Context } from 'hono';
import type { AuditWriter } from '../audit/audit-writer';
import type { ApiEnv } from '../env';
import { COMPUTE_CALLS, COMPUTE_TYPES } from './availability';
import type { ProviderConnection } from '@ccx/core';

export interface ActionOutcome {
  correlationId: string;
  outcome: 'success';
  state: string | null;
}

/**
 * Runs one action with the audit trail DESIGN.md promises: `pending` is appended before the
 * provider is called (a crash leaves a visible pending entry), then `success` or `failure`
 * with the same correlation id. A failure keeps only the error code and message, which the
 * error classes guarantee carry no credentials.
 */
export async function runAction(
  c: Context<ApiEnv>,
  deps: { store: Store; connections: ReadonlyMap<string, ProviderConnection>; audit: AuditWriter },
  uid: string,
  action: ActionName,
): Promise<ActionOutcome> {
  const resource = await deps.store.resources.get(uid);
  if (!resource || resource.deletedAt) throw notFound('Resource');
  const connection = deps.connections.get(resource.connection);
  const compute = connection?.compute;
  if (!compute || !COMPUTE_TYPES.has(resource.type)) {
    throw conflict(`${action} is not supported for this resource`, {
      connection: resource.connection,
      type: resource.type,
    });
  }
  const pending = await deps.audit.record(c, {
    action,
    target: uid,
    outcome: 'pending',
    detail: { connection: resource.connection, previousState: resource.state },
  });
  const { correlationId } = pending;
  try {
    const result = await COMPUTE_CALLS[action](compute, resource);
    await deps.audit.record(c, {
      action,
      target: uid,
      outcome: 'success',
      correlationId,
      detail: { state: result.state, ...result.detail },
    });
    return { correlationId, outcome: 'success', state: result.state };
  } catch (error) {
    const failure = isCcxError(error)
      ? error
      : new CcxError('provider_error', 'The provider call failed', { cause: error });
    await deps.audit.record(c, {
      action,
      target: uid,
      outcome: 'failure',
      correlationId,
      detail: {
        code: failure.code,
        message: isCcxError(error) ? failure.message : 'The provider call failed',
      },
    });
    throw failure;
  }
}
