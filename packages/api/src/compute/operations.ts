import { randomUUID } from 'node:crypto';
import {
  CcxError,
  OUTCOME_AUDIT_RETRY_DELAYS_MS,
  conflict,
  retryOutcomeAudit,
  type ActionName,
  type ActionProgress,
  type ComputeStatus,
} from '@ccx/core';
import type { Operation as OperationView } from '../contract';
import { actionFailure } from './execute-action';
import { createLimiter, type Limiter } from './limiter';

export type Operation = OperationView;

/**
 * What a running operation does; it reports steps and must honour the signal. `warn` says
 * that something after the provider acted went wrong (the store could not follow): the
 * operation still succeeds, and shows the warning.
 */
export type OperationWork = (run: {
  signal: AbortSignal;
  progress: (step: ActionProgress) => void;
  warn: (message: string) => void;
}) => Promise<ComputeStatus>;

export interface OperationStart {
  action: ActionName;
  target: string;
  correlationId: string;
  /** Operations sharing a lane (a connection) run at most `laneConcurrency` at a time. */
  lane: string;
  work: OperationWork;
  /**
   * Runs once the target is reserved and before the work starts (the `pending` audit entry):
   * if it throws, the reservation is released, nothing is sent, and the error propagates.
   */
  begin(): Promise<void>;
  /**
   * Called once the operation has ended, with its final view (succeeded, failed, or failed
   * with `unavailable` because the server stopped): where its outcome is audited. It is the
   * one write that must land, so a call that throws is retried after each of the registry's
   * `finishRetryDelaysMs`; when the last retry throws too, the operation ends with a warning
   * that its outcome is not audited.
   */
  finish(operation: Operation, error: CcxError | null): Promise<void>;
}

export interface OperationRegistryOptions {
  now?: () => Date;
  /** Finished operations kept for lookup: the newest `maxFinished`, none older than `maxAgeMs`. */
  maxFinished?: number;
  maxAgeMs?: number;
  laneConcurrency?: number;
  /** Steps kept per operation; repeated polls of one state update the last step instead. */
  maxSteps?: number;
  /**
   * The pauses before each retry of a `finish` that threw (a store that has just failed often
   * recovers within a second); their count is the number of retries.
   */
  finishRetryDelaysMs?: readonly number[];
  /** Where a `finish` that failed on every attempt (the audit store was unreachable) is reported. */
  onFinishError?(error: unknown, operation: Operation): void;
}

/** Shown on an operation whose outcome could not be written to the audit log. */
export const OUTCOME_NOT_AUDITED =
  'The outcome of this action could not be written to the audit log, where it shows as pending.';

interface Entry {
  view: Operation;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Actions in flight and recently finished, in memory. One running operation per resource: a
 * second action on a busy resource is a conflict, refused before anything is audited or sent.
 * `close()` aborts what is running and waits for each to record its outcome, so a stopped
 * server leaves failures (`unavailable`, "server stopped") rather than dangling pendings.
 */
export function createOperationRegistry(options: OperationRegistryOptions = {}) {
  const now = options.now ?? (() => new Date());
  const maxFinished = options.maxFinished ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 3_600_000;
  const maxSteps = options.maxSteps ?? 50;
  const finishRetryDelaysMs = options.finishRetryDelaysMs ?? OUTCOME_AUDIT_RETRY_DELAYS_MS;
  const entries = new Map<string, Entry>();
  const busy = new Map<string, string>();
  const lanes = new Map<string, Limiter>();
  let closed = false;

  const lane = (name: string) => {
    let limiter = lanes.get(name);
    if (!limiter) lanes.set(name, (limiter = createLimiter(options.laneConcurrency ?? 8)));
    return limiter;
  };

  function prune(): void {
    const cutoff = now().getTime() - maxAgeMs;
    const finished = [...entries.values()].filter((e) => e.view.finishedAt !== null);
    const excess = finished.length - maxFinished;
    finished.forEach((entry, index) => {
      if (index < excess || Date.parse(entry.view.finishedAt!) < cutoff)
        entries.delete(entry.view.id);
    });
  }

  function addStep(view: Operation, step: ActionProgress): void {
    const last = view.steps.at(-1);
    const entry = {
      step: step.step,
      state: step.state,
      at: step.at,
      ...(step.message === undefined ? {} : { message: step.message }),
    };
    if (last && last.step === step.step && last.state === step.state) {
      view.steps[view.steps.length - 1] = entry;
    } else {
      if (view.steps.length >= maxSteps) view.steps.splice(1, 1);
      view.steps.push(entry);
    }
    if (step.state !== null) view.state = step.state;
  }

  async function run(entry: Entry, start: OperationStart): Promise<void> {
    const { view, abort } = entry;
    const final: Operation = structuredClone(view);
    let error: CcxError | null = null;
    try {
      const status = await lane(start.lane).run(() => {
        if (abort.signal.aborted) throw stopped();
        addStep(view, { step: 'started', state: view.state, at: now().toISOString() });
        return start.work({
          signal: abort.signal,
          progress: (step) => addStep(view, step),
          warn: (message) => {
            view.warning = withWarning(view.warning, message);
          },
        });
      });
      Object.assign(final, structuredClone(view), {
        state: status.state,
        size: status.size,
        status: 'succeeded',
      });
    } catch (caught) {
      error = abort.signal.aborted && closed ? stopped() : actionFailure(caught);
      Object.assign(final, structuredClone(view), {
        status: 'failed',
        error: { code: error.code, message: error.message },
      });
    }
    final.finishedAt = now().toISOString();
    // The outcome is recorded (audit, stored state) before pollers see the operation end, so a
    // client that reloads on `succeeded` reads the new state.
    const unrecorded = await retryOutcomeAudit(
      () => start.finish(structuredClone(final), error),
      finishRetryDelaysMs,
    );
    if (unrecorded) {
      // Nobody awaits a background operation: the failure goes to the log and, as a warning,
      // to whoever follows the operation; the action itself happened (or failed) as shown.
      final.warning = withWarning(final.warning, OUTCOME_NOT_AUDITED);
      options.onFinishError?.(unrecorded.error, structuredClone(final));
    }
    Object.assign(view, final);
    busy.delete(view.target);
    prune();
  }

  return {
    /**
     * Reserves the target, runs `begin`, then starts the work in the background and resolves
     * with the operation's first view. Throws `conflict` when the target is busy and
     * `unavailable` once the registry is closing. `initial` is the resource as stored.
     */
    async start(
      start: OperationStart,
      initial: { state: string | null; size: string | null },
    ): Promise<Operation> {
      if (closed) throw stopped();
      const running = busy.get(start.target);
      if (running !== undefined)
        throw conflict('Another action is running on this resource', { operation: running });
      const id = randomUUID();
      // Reserved before the first await, so two requests racing for one resource cannot both pass.
      busy.set(start.target, id);
      try {
        await start.begin();
      } catch (error) {
        busy.delete(start.target);
        throw error;
      }
      const view: Operation = {
        id,
        action: start.action,
        target: start.target,
        correlationId: start.correlationId,
        status: 'running',
        steps: [{ step: 'queued', state: initial.state, at: now().toISOString() }],
        state: initial.state,
        size: initial.size,
        error: null,
        warning: null,
        startedAt: now().toISOString(),
        finishedAt: null,
      };
      const entry: Entry = { view, abort: new AbortController(), done: Promise.resolve() };
      entries.set(id, entry);
      // Closed while `begin` ran: the work never starts, and its outcome is still recorded.
      if (closed) entry.abort.abort(stopped());
      entry.done = run(entry, start);
      return structuredClone(view);
    },
    /** True while an operation on `target` has not finished. */
    isBusy: (target: string) => busy.has(target),
    get(id: string): Operation | null {
      prune();
      const entry = entries.get(id);
      return entry ? structuredClone(entry.view) : null;
    },
    /** Aborts every running operation and resolves once each has recorded its outcome. */
    async close(): Promise<void> {
      closed = true;
      const running = [...entries.values()].filter((e) => e.view.finishedAt === null);
      for (const entry of running) entry.abort.abort(stopped());
      await Promise.allSettled(running.map((e) => e.done));
    },
  };
}

export type OperationRegistry = ReturnType<typeof createOperationRegistry>;

const withWarning = (warning: string | null, message: string): string =>
  warning === null ? message : `${warning} ${message}`;

const stopped = () => new CcxError('unavailable', 'server stopped', { retryable: true });
