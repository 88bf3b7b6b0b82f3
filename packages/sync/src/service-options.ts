import type { Logger, ProviderConnection } from '@ccx/core';
import type { SyncDriver } from './driver';
import type { RetryPolicyInput, SyncLimitsInput } from './options';
import type { InventorySink, SyncRunLog } from './types';

export interface SyncServiceOptions {
  /** Connections by name (or as a list; names must be unique). The service never closes them. */
  connections: ReadonlyMap<string, ProviderConnection> | readonly ProviderConnection[];
  sink: InventorySink;
  runs: SyncRunLog;
  /** Default: `inProcessDriver()`. The service closes it in `close()`. */
  driver?: SyncDriver;
  limits?: SyncLimitsInput;
  retry?: RetryPolicyInput;
  logger: Logger;
  /** Run ids; default `crypto.randomUUID`. */
  newId?: () => string;
}
