import type { MetricName, MetricSeries, ProviderConnection, Resource } from '@ccx/core';

/** Counts one listing produced in the store. */
export interface ListingCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface ScopeRefForSink {
  connection: string;
  provider: Resource['provider'];
  account: string;
  region: string;
}

/** A cloud account a run is about to list, with the alias its connection configures. */
export interface SeenAccount {
  provider: Resource['provider'];
  account: string;
  connection: string;
  /** Null when the connection configures no alias: never made up from the account id. */
  alias: string | null;
}

/**
 * Where listings go. Owned here (the consumer); the store's ResourceRepository satisfies it.
 * `completeListing` is called only after a listing ran to its end without error.
 */
export interface InventorySink {
  applyBatch(input: {
    scope: ScopeRefForSink;
    type: string;
    runId: string;
    resources: Resource[];
  }): Promise<ListingCounts>;
  completeListing(input: { scope: ScopeRefForSink; type: string; runId: string }): Promise<{
    deleted: number;
  }>;
  /**
   * Optional: the accounts a run planned, once per run before its jobs start, so views can show
   * account aliases. Only the coordinator calls it (never a worker), since only it plans.
   */
  recordAccounts?(accounts: readonly SeenAccount[]): Promise<unknown>;
}

/**
 * Where fetched metric series go. Owned here (the consumer); the store's MetricSeriesRepository
 * satisfies it. Merges are idempotent (new values win per period), so a retried fetch may
 * write a series again.
 */
export interface MetricSink {
  /**
   * For each uid, the epoch second up to which every one of `metrics` is stored; a uid with
   * one of them missing is absent (it needs the full window).
   */
  latest(query: {
    uids: readonly string[];
    metrics?: readonly MetricName[];
  }): Promise<ReadonlyMap<string, number>>;
  /** Merges series into what is stored and drops points before `keepAfter` (epoch s). */
  merge(input: { series: MetricSeries[]; keepAfter: number }): Promise<unknown>;
}

/** What the metrics step of one job (or a whole run) fetched and wrote. */
export interface MetricCounts {
  /** Series written to the metric sink. */
  series: number;
  /** Points in those series. */
  points: number;
  /** Resources whose metrics could not be fetched or written. */
  failed: number;
}

export type SyncRunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/** The run bookkeeping the engine needs; the store's SyncRunRepository satisfies it. */
export interface SyncRunLog {
  create(input: { id: string; trigger: string }): Promise<unknown>;
  finish(
    id: string,
    result: {
      status: Exclude<SyncRunStatus, 'running'>;
      summary: Record<string, unknown>;
      errors: SyncError[];
    },
  ): Promise<unknown>;
}

export interface SyncError {
  scope: string;
  type: string;
  message: string;
}

/** One job: a connection's scope × a capability's resource type. Plain data (queue payload). */
export interface SyncJob {
  id: string;
  runId: string;
  connection: string;
  provider: Resource['provider'];
  account: string;
  region: string;
  capability: 'inventory';
  type: string;
}

export type SyncEvent =
  | { type: 'run.started'; runId: string; at: string; trigger: string; jobs: number }
  | { type: 'job.started'; runId: string; jobId: string; scope: string; resourceType: string }
  | { type: 'job.progress'; runId: string; jobId: string; listed: number }
  | {
      type: 'job.retry';
      runId: string;
      jobId: string;
      attempt: number;
      delayMs: number;
      error: string;
    }
  | {
      type: 'job.completed';
      runId: string;
      jobId: string;
      scope: string;
      resourceType: string;
      listed: number;
      counts: ListingCounts;
      metrics: MetricCounts;
    }
  | {
      type: 'job.failed';
      runId: string;
      jobId: string;
      scope: string;
      resourceType: string;
      error: string;
    }
  | { type: 'run.completed'; runId: string; at: string; summary: SyncSummary };

export interface SyncSummary {
  runId: string;
  status: Exclude<SyncRunStatus, 'running'>;
  jobs: { total: number; succeeded: number; failed: number };
  resources: ListingCounts & { listed: number };
  /** Metric series synced after the listings of types that have metrics. */
  metrics: MetricCounts;
  /** Resources listed in this run per provider. */
  byProvider: Record<string, number>;
  errors: SyncError[];
  durationMs: number;
}

/** The one interface the API and the CLI use, whichever driver runs the jobs. */
export interface SyncService {
  /** Starts a run and returns at once; rejects with a `conflict` CcxError if one is running. */
  start(trigger: string): Promise<{ runId: string }>;
  /** Starts a run and resolves with its summary when every job has ended. */
  run(trigger: string): Promise<SyncSummary>;
  /** Current run id, if any. */
  current(): string | null;
  subscribe(listener: (event: SyncEvent) => void): () => void;
  close(): Promise<void>;
}

/** Everything a driver needs to run one job wherever it runs (this process or a worker). */
export interface JobRuntime {
  connections: ReadonlyMap<string, ProviderConnection>;
  sink: InventorySink;
  /** Without it no metrics are fetched: listings only. */
  metrics?: MetricSink;
  /** The clock metric windows are computed from; default the system clock. */
  now?: () => Date;
}
