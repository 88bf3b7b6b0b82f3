import {
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  type DescribeInstancesCommandOutput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CcxError, type ComputeStatus, type WaitOptions } from '@ccx/core';
import { describeInstance, instanceOf, statusOf } from './instance-status';

/** WaitOptions' documented default. */
export const DEFAULT_WAIT_TIMEOUT_MS = 15 * 60_000;
/** The EC2 waiters' own defaults: first poll after 15 s, backing off to 120 s. */
const SDK_MIN_DELAY_SECONDS = 15;
const SDK_MAX_DELAY_SECONDS = 120;

const WAITERS = { running: waitUntilInstanceRunning, stopped: waitUntilInstanceStopped } as const;
export type InstanceTarget = keyof typeof WAITERS;

/**
 * Polls with the SDK's own waiter until the instance is `target`. `pollSeconds` (the
 * connection's setting) replaces the waiter's 15-second first delay, capped so a short
 * `timeoutMs` still gets a few polls. A timeout is `unavailable` (retryable); a state the
 * waiter treats as final (stopped-waiter seeing `pending`, running-waiter seeing `stopping` or
 * `terminated`) is `conflict`; an abort rejects with the signal's reason.
 */
export async function waitForInstance(
  client: EC2Client,
  id: string,
  target: InstanceTarget,
  options: WaitOptions & { pollSeconds?: number } = {},
): Promise<ComputeStatus> {
  const maxWaitTime = (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS) / 1000;
  const minDelay = Math.min(options.pollSeconds ?? SDK_MIN_DELAY_SECONDS, maxWaitTime / 4);
  const maxDelay = Math.max(
    minDelay,
    Math.min(options.pollSeconds ? options.pollSeconds * 4 : SDK_MAX_DELAY_SECONDS, maxWaitTime),
  );
  try {
    const result = await WAITERS[target](
      { client, maxWaitTime, minDelay, maxDelay, abortSignal: options.signal },
      { InstanceIds: [id] },
    );
    return statusOf(instanceOf(result.reason as DescribeInstancesCommandOutput, id));
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new CcxError(
        'unavailable',
        `EC2 instance ${id} did not reach '${target}' within ${Math.round(maxWaitTime)} s`,
        { retryable: true, details: { target } },
      );
    const now = await describeInstance(client, id);
    throw new CcxError(
      'conflict',
      `EC2 instance ${id} is '${now.State?.Name ?? 'unknown'}' and will not become '${target}' on its own`,
      { details: { target, state: now.State?.Name ?? null } },
    );
  }
}
