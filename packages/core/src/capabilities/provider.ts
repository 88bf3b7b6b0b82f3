import type { z } from 'zod';
import type { ProviderId } from '../model/resource';
import type { Scope } from '../model/scope';
import type { ComputeActions } from './compute';
import type { Inventory } from './inventory';
import type { Metrics } from './metrics';
import type { ObjectStorage } from './storage';

/**
 * A live connection to one configured account set. Capabilities are optional members: one
 * that is present is supported, so the support matrix is read from the types.
 */
export interface ProviderConnection {
  readonly provider: ProviderId;
  /** The configured connection name (unique across the config). */
  readonly name: string;
  /** Accounts × regions this connection reaches, as data. */
  scopes(): Promise<Scope[]>;
  inventory?: Inventory;
  compute?: ComputeActions;
  metrics?: Metrics;
  storage?: ObjectStorage;
  close(): Promise<void>;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ProviderContext {
  logger: Logger;
  /** PEM bundle of extra certificate authorities to trust (the sandbox's, or a corporate CA). */
  extraCaPem?: string;
}

/** A provider is a factory: its config schema plus `connect`. Definitions are data. */
export interface ProviderFactory<Schema extends z.ZodType = z.ZodType> {
  readonly id: ProviderId;
  readonly configSchema: Schema;
  connect(name: string, config: z.infer<Schema>, ctx: ProviderContext): Promise<ProviderConnection>;
}
