import { randomUUID } from 'node:crypto';
import { notFound, type ActionInput, type ActionResult, type ProviderConnection } from '@ccx/core';
import type { Store, StoredResource } from '@ccx/store';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/audit-writer';
import type { ApiEnv } from '../env';
import { planAction, type ActionContext } from './action-plan';
import { freeDisplacedAddresses, type DisplacedAddressFailure } from './displaced-address';
import { executeAction, type ExecutedAction } from './execute-action';
import { safeError } from './safe-error';
import type { Operation, OperationRegistry } from './operations';
import { attributesFromStatus, refOf, sizeOf } from './resource-fields';

export interface ActionDeps {
  store: Store;
  connections: ReadonlyMap<string, ProviderConnection>;
  audit: AuditWriter;
  operations: OperationRegistry;
  logger: Logger;
  /** How long an action may take to reach its target; the provider's default when absent. */
  waitTimeoutMs?: number;
}

/** The parameters of an action worth auditing (the size asked for, the count). */
function parametersOf(input: ActionInput): Record<string, unknown> {
  const { action: _action, ...parameters } = input;
  return parameters;
}

/**
 * Validates an action on one stored resource and starts it as an operation. Everything that
 * can refuse it (unknown resource, a type or state that does not allow it, a bad size, a busy
 * resource) does so before anything is audited or sent. Then `pending` is audited, the answer
 * goes back, and the operation runs in the background: the call, the wait, the stored
 * resource refreshed from the provider's reading, and `success` or `failure` audited under the
 * pending entry's correlation id. Once the provider has acted, a store that cannot follow is
 * a warning on the succeeded operation (and in its audit entry), never its failure. An
 * outcome the audit log refuses is retried by the registry, then shown as a warning.
 */
export async function startAction(
  deps: ActionDeps,
  c: Context<ApiEnv>,
  uid: string,
  input: ActionInput,
): Promise<Operation> {
  const resource = await deps.store.resources.get(uid);
  if (!resource || resource.deletedAt) throw notFound('Resource');
  const compute = deps.connections.get(resource.connection)?.compute;
  const context = await contextOf(deps, input);
  const plan = planAction(resource, compute, input, context);
  const ref = refOf(resource);
  const correlationId = randomUUID();
  // The outcome's id is chosen once: a retried `finish` whose earlier attempt committed finds
  // its entry already in the log instead of writing a second one.
  const outcomeId = randomUUID();
  const base = { action: input.action, target: uid, correlationId };
  let sent: ActionResult | null = null;
  return deps.operations.start(
    {
      action: input.action,
      target: uid,
      correlationId,
      lane: resource.connection,
      begin: async () => {
        await deps.audit.record(c, {
          ...base,
          outcome: 'pending',
          detail: {
            connection: resource.connection,
            previousState: resource.state,
            previousSize: sizeOf(resource),
            ...plan.audit,
            ...parametersOf(input),
          },
        });
      },
      work: async ({ signal, progress, warn }) => {
        // planAction refused a connection without compute, so it is there.
        const actions = compute!;
        let executed;
        try {
          executed = await executeAction(actions, ref, plan, {
            signal,
            onProgress: progress,
            ...(deps.waitTimeoutMs === undefined ? {} : { timeoutMs: deps.waitTimeoutMs }),
          });
        } catch (error) {
          if (!signal.aborted && plan.readBack === 'describe')
            await refreshAfterFailure(deps, actions, resource);
          throw error;
        }
        sent = executed.result;
        await refreshStored(deps, uid, executed, warn);
        if (input.action === 'compute.associate-address' && context.instance) {
          const failure = await freeDisplacedAddresses(deps.store, resource, context.instance.id);
          if (failure) reportDisplacedFailure(deps, resource, failure, warn);
        }
        return executed.status;
      },
      finish: async (operation, error) => {
        if (error === null) {
          const detail: Record<string, unknown> = sent?.detail ?? {};
          await deps.audit.record(c, {
            ...base,
            id: outcomeId,
            outcome: 'success',
            detail: {
              ...detail,
              operation: operation.id,
              state: operation.state,
              size: operation.size,
              ...(operation.warning === null ? {} : { warning: operation.warning }),
            },
          });
          return;
        }
        await deps.audit.record(c, {
          ...base,
          id: outcomeId,
          outcome: 'failure',
          detail: { operation: operation.id, code: error.code, message: error.message },
        });
      },
    },
    { state: resource.state, size: sizeOf(resource) },
  );
}

/** The stored resources an action names besides its target: the instance of an association. */
async function contextOf(deps: ActionDeps, input: ActionInput): Promise<ActionContext> {
  if (input.action !== 'compute.associate-address') return {};
  return { instance: await deps.store.resources.get(input.instance) };
}

/**
 * Writes the provider's reading after the action to the store. The action happened whatever
 * the store does: a write that fails is logged and shown on the operation as a warning, and
 * the next sync corrects the stored state, rather than the done action reported as failed.
 */
async function refreshStored(
  deps: ActionDeps,
  uid: string,
  executed: ExecutedAction,
  warn: (message: string) => void,
): Promise<void> {
  try {
    await deps.store.resources.refreshLive(uid, {
      state: executed.status.state,
      attributes: executed.attributes,
    });
  } catch (error) {
    deps.logger.warn(
      { ...safeError(error), target: uid },
      'could not store the state of the resource after its action; the next sync will',
    );
    warn(
      'The action succeeded, but the inventory could not be updated: it may show the previous state until the next sync corrects it.',
    );
  }
}

/**
 * A store that could not free the address EC2 moved aside is logged and shown as the
 * operation's warning: the association itself succeeded, and the next sync corrects the store.
 */
function reportDisplacedFailure(
  deps: ActionDeps,
  address: StoredResource,
  { instanceId, error }: DisplacedAddressFailure,
  warn: (message: string) => void,
): void {
  deps.logger.warn(
    { ...safeError(error), target: address.uid, instanceId },
    'could not free in the store the address EC2 moved aside; the next sync will',
  );
  warn(
    `Associated, but the inventory could not be updated: the address EC2 moved aside from ${instanceId} may still show as in use until the next sync corrects it.`,
  );
}

/**
 * After a failed action the resource may sit in another state than before (a resize that
 * stopped it): one reading, bounded in time, puts what the provider says into the store. If
 * even that fails, the next sync will; the action's own error is what the caller needs.
 */
async function refreshAfterFailure(
  deps: ActionDeps,
  compute: NonNullable<ProviderConnection['compute']>,
  resource: StoredResource,
): Promise<void> {
  try {
    const status = await compute.describe(refOf(resource), { signal: AbortSignal.timeout(10_000) });
    await deps.store.resources.refreshLive(resource.uid, {
      state: status.state,
      attributes: attributesFromStatus(resource.type, status),
    });
  } catch (error) {
    deps.logger.warn(
      { ...safeError(error), target: resource.uid },
      'could not read the resource back after a failed action',
    );
  }
}
