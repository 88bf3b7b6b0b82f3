import type { Logger, ProviderConnection } from '@ccx/core';
import type { SyncDriver } from './driver';
import type { RetryPolicyInput, SyncLimitsInput } from './options';
import type { InventorySink, MetricSink, SyncRunLog } from './types';

export interface SyncServiceOptions {
  /** Connections by name (or as a list; names must be unique). The service never closes them. */
  connections: ReadonlyMap<string, ProviderConnection> | readonly ProviderConnection[];
  sink: InventorySink;
  /**
   * Where metric series of listed resources go (the store's `metricSeries`). Without it, jobs
   * only list. With a remote driver the workers' own sink is used instead.
   */
  metrics?: MetricSink;
  runs: SyncRunLog;
  /** Default: `inProcessDriver()`. The service closes it in `close()`. */
  driver?: SyncDriver;
  limits?: SyncLimitsInput;
  retry?: RetryPolicyInput;
  logger: Logger;
  /** The clock metric windows are computed from (in-process jobs); default the system clock. */
  now?: () => Date;
  /** Run ids; default `crypto.randomUUID`. */
  newId?: () => string;
}
