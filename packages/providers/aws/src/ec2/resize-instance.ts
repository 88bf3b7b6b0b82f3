import {
  DescribeInstanceTypesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { CcxError, reportProgress, type ActionOptions, type ActionResult } from '@ccx/core';
import { fromEc2Error } from './ec2-errors';
import { describeInstance } from './instance-status';
import { waitForInstance } from './instance-waiters';

export interface ResizeContext {
  client: EC2Client;
  id: string;
  size: string;
  options: ActionOptions;
  pollSeconds?: number;
  /** Bound of each wait of the sequence. */
  waitTimeoutMs: number;
}

/**
 * Checks the target type before anything is stopped: it must exist in the region and run the
 * instance's architecture (its AMI's). What EC2 can still refuse at modify time (a family change
 * it does not allow) is handled by putting the instance back as it was.
 */
async function checkTargetType(ctx: ResizeContext, architecture: string | undefined) {
  let supported: string[] | undefined;
  try {
    const out = await ctx.client.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: [ctx.size as _InstanceType] }),
      { abortSignal: ctx.options.signal },
    );
    supported = out.InstanceTypes?.[0]?.ProcessorInfo?.SupportedArchitectures;
  } catch (error) {
    throw fromEc2Error(error, `Checking instance type ${ctx.size}`);
  }
  if (!supported) throw new CcxError('invalid_input', `Unknown instance type ${ctx.size}`);
  if (architecture && !supported.includes(architecture))
    throw new CcxError(
      'invalid_input',
      `${ctx.size} does not run ${architecture} (it supports ${supported.join(', ')}); ${ctx.id} cannot be resized to it`,
      { details: { architecture, supported } },
    );
}

/**
 * EC2 resize: stop (if up) → wait stopped → ModifyInstanceAttribute → start (only if it was up)
 * → wait running, every step reported through `onProgress`. If anything fails once the instance
 * was stopped by us, it is started again before the error is thrown: a failed resize leaves the
 * instance running at its old size, never stopped because of us.
 */
export async function resizeInstance(ctx: ResizeContext): Promise<ActionResult> {
  const { client, id, size, options } = ctx;
  const report = (step: string, state: string | null, message?: string) =>
    reportProgress(options, step, state, message);
  const wait = (target: 'running' | 'stopped', signal = options.signal) =>
    waitForInstance(client, id, target, {
      signal,
      timeoutMs: ctx.waitTimeoutMs,
      pollSeconds: ctx.pollSeconds,
    });

  const before = await describeInstance(client, id, options.signal);
  const previousSize = before.InstanceType ?? null;
  const previousState = before.State?.Name ?? null;
  if (previousSize === size)
    throw new CcxError('invalid_input', `${id} is already ${size}`, { details: { size } });
  await checkTargetType(ctx, before.Architecture);

  let wasUp = false;
  if (previousState === 'pending' || previousState === 'running') {
    wasUp = true;
    // A pending instance cannot be stopped until it has run.
    if (previousState === 'pending') await wait('running');
    report('stopping', 'stopping');
    try {
      await client.send(new StopInstancesCommand({ InstanceIds: [id] }), {
        abortSignal: options.signal,
      });
    } catch (error) {
      throw fromEc2Error(error, `Stopping ${id} to resize it`);
    }
  } else if (previousState !== 'stopping' && previousState !== 'stopped') {
    throw new CcxError(
      'conflict',
      `${id} is '${previousState ?? 'unknown'}' and cannot be resized`,
    );
  }

  let requestId: string | null = null;
  try {
    await wait('stopped');
    report('stopped', 'stopped');
    report('modifying', 'stopped', `${previousSize ?? '?'} → ${size}`);
    const out = await client.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: size } }),
      { abortSignal: options.signal },
    );
    requestId = out.$metadata.requestId ?? null;
    report('modified', 'stopped');
  } catch (error) {
    const failure = fromEc2Error(error, `Resizing ${id} to ${size}`);
    if (wasUp) await restart(ctx, report, failure);
    throw failure;
  }

  let state = 'stopped';
  if (wasUp) {
    report('starting', 'pending');
    try {
      await client.send(new StartInstancesCommand({ InstanceIds: [id] }));
    } catch (error) {
      throw fromEc2Error(error, `Starting ${id} after resizing it to ${size}`);
    }
    // Without the caller's signal: once started, an abort must not leave the wait half done.
    state = (await wait('running', undefined)).state ?? 'running';
    report('running', state);
  }
  return { state, detail: { previousSize, size, previousState, requestId } };
}

/**
 * Puts a stopped-by-us instance back up after a failed step, without the caller's signal (an
 * abort must not leave it down). If that fails too, the error says so, keeping both causes.
 */
async function restart(
  ctx: ResizeContext,
  report: (step: string, state: string | null, message?: string) => void,
  failure: CcxError,
): Promise<void> {
  const wait = (target: 'running' | 'stopped') =>
    waitForInstance(ctx.client, ctx.id, target, {
      timeoutMs: ctx.waitTimeoutMs,
      pollSeconds: ctx.pollSeconds,
    });
  report('starting', 'pending', `restoring ${ctx.id} after: ${failure.message}`);
  try {
    await wait('stopped');
    await ctx.client.send(new StartInstancesCommand({ InstanceIds: [ctx.id] }));
    const status = await wait('running');
    report('running', status.state);
  } catch (restartError) {
    throw new CcxError(
      failure.code,
      `${failure.message}; starting ${ctx.id} again also failed: ${restartError instanceof Error ? restartError.message : String(restartError)}`,
      { cause: failure, details: { ...failure.details, restartFailed: true } },
    );
  }
}
