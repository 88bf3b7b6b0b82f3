import {
  isCcxError,
  STOPPED_STATES,
  type ActionProgress,
  type ComputeActions,
  type ResourceRef,
} from '@ccx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface ComputeActionsFixture {
  compute: ComputeActions;
  /** A running machine the suite stops, starts and resizes; it is left running. */
  running: ResourceRef;
  /** A stopped (or deallocated) machine the suite resizes; it is left stopped. */
  stopped: ResourceRef;
  /** A size both machines can take, different from their current ones. */
  resizeTo: string;
  /** A size the provider refuses (unknown, or impossible for these machines). */
  invalidSize: string;
  /** Bound for each wait of the suite; default 30 s. */
  waitTimeoutMs?: number;
  cleanup(): Promise<void>;
}

/** The error code an action failed with, whether it threw or rejected. */
async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return isCcxError(error) ? error.code : `not a CcxError: ${String(error)}`;
  }
  return 'no error';
}

/**
 * The one suite every `ComputeActions` for machines runs: power actions followed by `waitFor`,
 * a resize of a running machine (it ends running, at the new size, having reported its steps),
 * refused resizes that change nothing, and refusals of what the implementation does not own.
 * Tests run in order and share the two machines.
 */
export function describeComputeActionsContract(
  name: string,
  setup: () => Promise<ComputeActionsFixture>,
): void {
  describe(`ComputeActions contract: ${name}`, () => {
    let f: ComputeActionsFixture;
    let wait: { timeoutMs: number };

    beforeAll(async () => {
      f = await setup();
      wait = { timeoutMs: f.waitTimeoutMs ?? 30_000 };
    });
    afterAll(async () => {
      await f?.cleanup();
    });

    it('describes machines with their state and size', async () => {
      const running = await f.compute.describe(f.running);
      expect(running.state).toBe('running');
      expect(running.size).toMatch(/\S/);
      const stopped = await f.compute.describe(f.stopped);
      expect(STOPPED_STATES.has(stopped.state ?? '')).toBe(true);
      expect(f.compute.types).toContain(f.running.type);
    });

    it('stops, and waitFor follows until the machine is stopped', async () => {
      const result = await f.compute.stopInstance(f.running);
      expect(typeof result.detail).toBe('object');
      const status = await f.compute.waitFor(f.running, 'stopped', wait);
      expect(STOPPED_STATES.has(status.state ?? '')).toBe(true);
      expect(STOPPED_STATES.has((await f.compute.describe(f.running)).state ?? '')).toBe(true);
    });

    it('starts, and waitFor follows until the machine is running', async () => {
      await f.compute.startInstance(f.running);
      expect((await f.compute.waitFor(f.running, 'running', wait)).state).toBe('running');
      expect((await f.compute.describe(f.running)).state).toBe('running');
    });

    it('resizes a running machine: it ends running at the new size, reporting each step', async () => {
      const before = await f.compute.describe(f.running);
      expect(before.size).not.toBe(f.resizeTo);
      const steps: ActionProgress[] = [];
      const result = await f.compute.resizeInstance!(f.running, f.resizeTo, {
        onProgress: (progress) => steps.push(progress),
      });
      expect(result.state).toBe('running');
      expect(await f.compute.describe(f.running)).toMatchObject({
        state: 'running',
        size: f.resizeTo,
      });
      expect(steps.length).toBeGreaterThan(0);
      const times = steps.map((s) => Date.parse(s.at));
      expect(times.every((t) => Number.isFinite(t))).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(steps.every((s) => /\S/.test(s.step))).toBe(true);
      expect(steps.at(-1)!.state).toBe('running');
      // Whatever stop the provider needed came before the machine was running again.
      const lastStopped = steps.findLastIndex((s) => STOPPED_STATES.has(s.state ?? ''));
      expect(lastStopped).toBeLessThan(steps.length - 1);
    });

    it('resizes a stopped machine and leaves it stopped', async () => {
      await f.compute.resizeInstance!(f.stopped, f.resizeTo);
      const after = await f.compute.describe(f.stopped);
      expect(after.size).toBe(f.resizeTo);
      expect(STOPPED_STATES.has(after.state ?? '')).toBe(true);
    });

    it('refuses an invalid size and leaves each machine as it was', async () => {
      for (const ref of [f.running, f.stopped]) {
        const before = await f.compute.describe(ref);
        const code = await codeOf(() => f.compute.resizeInstance!(ref, f.invalidSize));
        expect(code).not.toBe('no error');
        expect(code).not.toMatch(/^not a CcxError/);
        const after = await f.compute.describe(ref);
        expect(after).toMatchObject({ state: before.state, size: before.size });
      }
      expect(await codeOf(() => f.compute.resizeInstance!(f.running, f.resizeTo))).toBe(
        'invalid_input',
      );
    });

    it('gives up a wait after timeoutMs with a retryable unavailable error', async () => {
      let failure: unknown;
      try {
        await f.compute.waitFor(f.stopped, 'running', { timeoutMs: 300 });
      } catch (error) {
        failure = error;
      }
      expect(failure).toMatchObject({ code: 'unavailable', retryable: true });
    });

    it('rejects resources of a type it does not own, and unknown wait targets, with invalid_input', async () => {
      const foreign = { ...f.running, type: 'nosuch.thing' };
      const calls: (() => Promise<unknown>)[] = [
        () => f.compute.startInstance(foreign),
        () => f.compute.stopInstance(foreign),
        () => f.compute.rebootInstance(foreign),
        () => f.compute.describe(foreign),
        () => f.compute.waitFor(foreign, 'running', wait),
        () => f.compute.resizeInstance!(foreign, f.resizeTo),
      ];
      for (const call of calls) expect(await codeOf(call)).toBe('invalid_input');
      expect(await codeOf(() => f.compute.waitFor(f.running, 'stable', wait))).toBe(
        'invalid_input',
      );
      expect((await f.compute.describe(f.running)).state).toBe('running');
    });
  });
}
