import { AwsError } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { Estate } from '../estate/estate';
import {
  resolveState,
  userInitiatedReason,
  type InstanceRecord,
  type InstanceStateName,
} from '../estate/instance';
import { el } from '../xml';
import { ec2Response } from './ec2-xml';
import { resolveInstanceIds } from './instance-ids';
import { stateXml } from './instance-xml';

type Change = 'start' | 'stop';

/**
 * Where each state goes on start/stop; `null` means the call is refused with
 * IncorrectInstanceState. A call that finds the instance already there (or on its way) is a
 * no-op that reports the same state twice, as EC2 does.
 */
const TRANSITIONS: Record<Change, Partial<Record<InstanceStateName, InstanceStateName | null>>> = {
  start: {
    stopped: 'pending',
    pending: 'pending',
    running: 'running',
    stopping: null,
    'shutting-down': null,
    terminated: null,
  },
  stop: {
    running: 'stopping',
    stopping: 'stopping',
    stopped: 'stopped',
    pending: null,
    'shutting-down': null,
    terminated: null,
  },
};

function incorrectState(
  instance: InstanceRecord,
  state: InstanceStateName,
  change: Change,
): AwsError {
  const verb = change === 'start' ? 'started' : 'stopped';
  return new AwsError(
    'IncorrectInstanceState',
    `The instance '${instance.id}' is not in a state from which it can be ${verb}.`,
    400,
  );
}

function apply(
  instance: InstanceRecord,
  from: InstanceStateName,
  to: InstanceStateName,
  now: number,
): void {
  if (from === to) return;
  instance.state = to;
  instance.stateChangedAt = now;
  if (to === 'pending') {
    instance.launchTime = now;
    instance.stateTransitionReason = '';
    instance.stateReason = null;
  } else if (to === 'stopping') {
    instance.stateTransitionReason = userInitiatedReason(now);
    instance.stateReason = {
      code: 'Client.UserInitiatedShutdown',
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    };
  }
}

/** The `InstanceId.N` parameters, required, resolved in the caller's account and region. */
function requestedInstances(
  estate: Estate,
  ctx: OperationContext,
): ReturnType<typeof resolveInstanceIds> {
  const ids = ctx.params.list('InstanceId');
  if (ids.length === 0) {
    throw new AwsError(
      'MissingParameter',
      'The request must contain the parameter InstanceId',
      400,
    );
  }
  return resolveInstanceIds(estate, ctx.principal.accountId, ctx.region, ids);
}

/** StartInstances / StopInstances: validate every id and state first, then change them all. */
export function changeInstanceStates(
  estate: Estate,
  transitionMs: number,
  change: Change,
  ctx: OperationContext,
): string {
  const instances = requestedInstances(estate, ctx);
  const plans = instances.map((instance) => {
    const from = resolveState(instance, ctx.now, transitionMs);
    const to = TRANSITIONS[change][from];
    if (to === null || to === undefined) throw incorrectState(instance, from, change);
    return { instance, from, to };
  });
  if (ctx.params.boolean('DryRun')) throw dryRun();
  let items = '';
  for (const { instance, from, to } of plans) {
    apply(instance, from, to, ctx.now);
    items += `<item>${el('instanceId', instance.id)}${stateXml('currentState', to)}${stateXml('previousState', from)}</item>`;
  }
  const action = change === 'start' ? 'StartInstances' : 'StopInstances';
  return ec2Response(action, `<instancesSet>${items}</instancesSet>`, ctx.requestId);
}

/** RebootInstances: only a running (or pending) instance can be rebooted; its state does not change. */
export function rebootInstances(
  estate: Estate,
  transitionMs: number,
  ctx: OperationContext,
): string {
  for (const instance of requestedInstances(estate, ctx)) {
    const state = resolveState(instance, ctx.now, transitionMs);
    if (state !== 'running' && state !== 'pending') {
      throw new AwsError(
        'IncorrectInstanceState',
        `The instance '${instance.id}' is not in a state from which it can be rebooted.`,
        400,
      );
    }
  }
  if (ctx.params.boolean('DryRun')) throw dryRun();
  return ec2Response('RebootInstances', '<return>true</return>', ctx.requestId);
}

export function dryRun(): AwsError {
  return new AwsError(
    'DryRunOperation',
    'Request would have succeeded, but DryRun flag is set.',
    412,
  );
}
