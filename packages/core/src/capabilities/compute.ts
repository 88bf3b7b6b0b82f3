import type { ActionResult } from '../model/action';
import type { ResourceRef } from '../model/resource';

/** What a wait is for: a power state, or (ECS services) a settled deployment. */
export type WaitTarget = 'running' | 'stopped' | 'stable';

/** One step of an action that takes several (resize: stopping → stopped → modifying → …). */
export interface ActionProgress {
  /** Short machine word: `stopping`, `stopped`, `modifying`, `starting`, `running`, `polling`… */
  step: string;
  /** Provider state seen at this step, normalised (see `COMPUTE_STATES`), when known. */
  state: string | null;
  /** ISO-8601. */
  at: string;
  message?: string;
}

export interface ActionOptions {
  signal?: AbortSignal;
  /** Called at each step the provider observes; never throws into the provider. */
  onProgress?(progress: ActionProgress): void;
}

export interface WaitOptions extends ActionOptions {
  /** Give up (with a `unavailable` CcxError, retryable) after this long. Default 15 minutes. */
  timeoutMs?: number;
}

/**
 * What a compute resource is right now, read straight from the provider (not the store).
 * `state` uses the normalised vocabulary of `COMPUTE_STATES`.
 */
export interface ComputeStatus {
  state: string | null;
  /** Instance type or VM size; null for services. */
  size: string | null;
  /** ECS services: desired / running / pending task counts. */
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  /** ECS services: true when exactly one deployment is PRIMARY and running = desired. */
  stable?: boolean;
}

/** A new revision of a service's task definition: only the fields given change. */
export interface TaskDefinitionChange {
  /** Task-level CPU units (`256`, `1024`…) and memory MiB, as ECS takes them (strings). */
  cpu?: string;
  memory?: string;
  /** Container name → new image. */
  images?: Record<string, string>;
}

/**
 * Actions on compute resources. `types` lists the resource types they apply to; every method
 * rejects another type with `invalid_input`. Single-call actions (start, stop, reboot, scale)
 * resolve once the provider accepted the call, with the state it reported then; `waitFor`
 * follows up until the target is reached. Multi-step actions (resize) resolve only when the
 * whole sequence is done, and report each step through `onProgress`.
 */
export interface ComputeActions {
  readonly types: readonly string[];
  startInstance(ref: ResourceRef, options?: ActionOptions): Promise<ActionResult>;
  /** Stop; on Azure this deallocates (a stopped-but-allocated VM is still billed). */
  stopInstance(ref: ResourceRef, options?: ActionOptions): Promise<ActionResult>;
  rebootInstance(ref: ResourceRef, options?: ActionOptions): Promise<ActionResult>;
  /**
   * Changes the instance type / VM size. EC2: stop (if running) → wait stopped → modify type →
   * start (only if it was running) → wait running, using the SDK's waiters. Azure: update the
   * VM's size and follow the long-running operation.
   */
  resizeInstance?(ref: ResourceRef, size: string, options?: ActionOptions): Promise<ActionResult>;
  /** ECS: sets the service's desired count. */
  scaleService?(
    ref: ResourceRef,
    desiredCount: number,
    options?: ActionOptions,
  ): Promise<ActionResult>;
  /** ECS: registers a new revision of the service's task definition and points the service at it. */
  registerTaskDefinitionRevision?(
    ref: ResourceRef,
    change: TaskDefinitionChange,
    options?: ActionOptions,
  ): Promise<ActionResult>;
  /** EC2: associates an Elastic IP (ref of type `ec2.address`) with an instance id. */
  associateAddress?(
    address: ResourceRef,
    instanceId: string,
    options?: ActionOptions,
  ): Promise<ActionResult>;
  disassociateAddress?(address: ResourceRef, options?: ActionOptions): Promise<ActionResult>;
  describe(ref: ResourceRef, options?: { signal?: AbortSignal }): Promise<ComputeStatus>;
  /** Polls until the resource reaches `target`; rejects on timeout or a state it cannot leave. */
  waitFor(ref: ResourceRef, target: WaitTarget, options?: WaitOptions): Promise<ComputeStatus>;
}
