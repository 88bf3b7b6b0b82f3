import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
  type DescribeServicesCommandOutput,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  CcxError,
  reportProgress,
  type ActionResult,
  type ComputeActions,
  type ComputeStatus,
  type ResourceRef,
} from '@ccx/core';
import type { AccountDirectory } from '../account-directory';
import type { ClientPool } from '../client-pool';
import { fromEcsError } from './ecs-errors';
import { ECS_SERVICE, serviceNameOf, type ServiceName } from './ecs-types';
import { isStable } from './map-ecs';
import { nextRevisionInput, parseTaskDefinitionChange } from './task-definition-change';

export interface EcsComputeOptions {
  /**
   * First delay of the services-stable waiter's polling, in seconds; it backs off to four
   * times that. ECS's own 15 s (backing off to a minute, not the SDK's ten) when absent.
   */
  pollSeconds?: number;
}

const DEFAULT_POLL_SECONDS = 15;
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
/** The bound the product's scale action accepts (`actionInputSchema`), checked here too. */
const MAX_DESIRED_COUNT = 5000;

function statusOf(service: Service): ComputeStatus {
  return {
    state: service.status ? service.status.toLowerCase() : null,
    size: null,
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    stable: isStable(service),
  };
}

const instanceOnly = (action: string) => () =>
  Promise.reject(
    new CcxError(
      'invalid_input',
      `${action} applies to instances; an ECS service is scaled instead`,
    ),
  );

/**
 * Actions on ECS services, each sent with the client of the service's own account and region.
 * `scaleService` and `registerTaskDefinitionRevision` resolve once ECS accepted the update;
 * `waitFor(ref, 'stable')` follows the rollout with the SDK's services-stable waiter.
 */
export function ecsCompute(
  accounts: AccountDirectory,
  clients: ClientPool,
  settings: EcsComputeOptions = {},
): ComputeActions {
  const minDelay = settings.pollSeconds ?? DEFAULT_POLL_SECONDS;
  const maxDelay = minDelay * 4;
  async function target(ref: ResourceRef): Promise<{ client: ECSClient; name: ServiceName }> {
    const name = serviceNameOf(ref);
    return { client: clients.ecs(await accounts.byId(ref.account), ref.region), name };
  }

  async function describeService(
    client: ECSClient,
    name: ServiceName,
    signal?: AbortSignal,
  ): Promise<Service> {
    const out = await client.send(
      new DescribeServicesCommand({ cluster: name.cluster, services: [name.service] }),
      { abortSignal: signal },
    );
    const service = out.services?.[0];
    if (!service)
      throw new CcxError('not_found', `ECS service ${name.cluster}/${name.service} not found`);
    return service;
  }

  async function update(
    client: ECSClient,
    name: ServiceName,
    change: { desiredCount?: number; taskDefinition?: string },
    signal?: AbortSignal,
  ) {
    const out = await client.send(
      new UpdateServiceCommand({ cluster: name.cluster, service: name.service, ...change }),
      { abortSignal: signal },
    );
    return { service: out.service, requestId: out.$metadata.requestId ?? null };
  }

  return {
    types: [ECS_SERVICE],
    startInstance: instanceOnly('Start'),
    stopInstance: instanceOnly('Stop'),
    rebootInstance: instanceOnly('Reboot'),

    async scaleService(ref, desiredCount, options) {
      if (!Number.isInteger(desiredCount) || desiredCount < 0 || desiredCount > MAX_DESIRED_COUNT) {
        throw new CcxError(
          'invalid_input',
          `A desired count is a whole number from 0 to ${MAX_DESIRED_COUNT}`,
        );
      }
      const { client, name } = await target(ref);
      reportProgress(options, 'scaling', null, `desired count ${desiredCount}`);
      try {
        const { service, requestId } = await update(
          client,
          name,
          { desiredCount },
          options?.signal,
        );
        const state = service?.status?.toLowerCase() ?? null;
        reportProgress(options, 'accepted', state);
        return {
          state,
          detail: {
            requestId,
            desiredCount: service?.desiredCount ?? desiredCount,
            runningCount: service?.runningCount ?? null,
            pendingCount: service?.pendingCount ?? null,
          },
        } satisfies ActionResult;
      } catch (error) {
        throw fromEcsError(error, `Scaling ${ref.id}`);
      }
    },

    async registerTaskDefinitionRevision(ref, change, options) {
      const parsed = parseTaskDefinitionChange(change);
      const { client, name } = await target(ref);
      const signal = options?.signal;
      let registered: string | null = null;
      try {
        const service = await describeService(client, name, signal);
        if (!service.taskDefinition) {
          throw new CcxError('conflict', `ECS service ${ref.id} has no task definition`);
        }
        reportProgress(
          options,
          'reading',
          service.status?.toLowerCase() ?? null,
          service.taskDefinition,
        );
        const current = await client.send(
          new DescribeTaskDefinitionCommand({
            taskDefinition: service.taskDefinition,
            include: ['TAGS'],
          }),
          { abortSignal: signal },
        );
        if (!current.taskDefinition) {
          throw new CcxError('not_found', `Task definition ${service.taskDefinition} not found`);
        }
        const input = nextRevisionInput(current.taskDefinition, current.tags, parsed);
        const next = await client.send(new RegisterTaskDefinitionCommand(input), {
          abortSignal: signal,
        });
        registered = next.taskDefinition?.taskDefinitionArn ?? null;
        if (!registered) throw new CcxError('provider_error', 'ECS registered no task definition');
        reportProgress(options, 'registered', null, registered);
        const { service: updated, requestId } = await update(
          client,
          name,
          { taskDefinition: registered },
          signal,
        );
        const state = updated?.status?.toLowerCase() ?? null;
        reportProgress(options, 'deploying', state);
        return {
          state,
          detail: {
            requestId,
            previousTaskDefinition: service.taskDefinition,
            taskDefinition: registered,
            deploymentId: updated?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? null,
          },
        };
      } catch (error) {
        const mapped = fromEcsError(error, `Registering a task definition revision for ${ref.id}`);
        // The revision exists but the service was not moved to it: say which, so it can be retried.
        if (registered) mapped.details.registeredTaskDefinition = registered;
        throw mapped;
      }
    },

    async describe(ref, options) {
      const { client, name } = await target(ref);
      try {
        return statusOf(await describeService(client, name, options?.signal));
      } catch (error) {
        throw fromEcsError(error, `Describing ${ref.id}`);
      }
    },

    async waitFor(ref, goal, options) {
      if (goal !== 'stable') {
        throw new CcxError(
          'invalid_input',
          `An ECS service is waited on until stable, not ${goal}`,
        );
      }
      const { client, name } = await target(ref);
      const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const maxWaitTime = Math.max(timeoutMs / 1000, minDelay * 2);
      reportProgress(options, 'polling', null);
      let result;
      try {
        result = await waitUntilServicesStable(
          {
            client,
            maxWaitTime,
            minDelay,
            maxDelay: Math.max(minDelay, Math.min(maxDelay, maxWaitTime / 2)),
            ...(options?.signal ? { abortSignal: options.signal } : {}),
          },
          { cluster: name.cluster, services: [name.service] },
        );
      } catch (error) {
        throw waitError(error, ref, options?.signal);
      }
      // The waiter's last answer is the DescribeServices output that satisfied it.
      const reason = result.reason as DescribeServicesCommandOutput | undefined;
      const service = reason?.services?.[0];
      const status = service
        ? statusOf(service)
        : statusOf(
            await describeService(client, name).catch((error: unknown) => {
              throw fromEcsError(error, `Describing ${ref.id}`);
            }),
          );
      reportProgress(options, 'stable', status.state);
      return status;
    },
  };
}

/** What the SDK waiter threw, as a domain error: timeout retryable, a final state a conflict. */
function waitError(error: unknown, ref: ResourceRef, signal: AbortSignal | undefined): unknown {
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError') return signal?.reason ?? error;
  if (name === 'TimeoutError') {
    return new CcxError('unavailable', `ECS service ${ref.id} did not become stable in time`, {
      cause: error,
      retryable: true,
    });
  }
  // The waiter fails for good on a MISSING, DRAINING or INACTIVE service.
  return new CcxError(
    'conflict',
    `ECS service ${ref.id} cannot become stable: it is missing or being deleted`,
    {
      cause: error,
    },
  );
}
