import { z } from 'zod';
import { DEFAULT_CONFIG_FILE } from '../cli-config';
import { DEFAULT_STATE_DIR, sandboxOptionsSchema } from '../options';

/** Options of `ccx sandbox start --detach`: the sandbox's own, plus where the config goes. */
export const daemonOptionsSchema = sandboxOptionsSchema.extend({
  stateDir: z.string().min(1).default(DEFAULT_STATE_DIR),
  configFile: z.string().min(1).default(DEFAULT_CONFIG_FILE),
  /** How long the launcher waits for the daemon to become ready. */
  readyTimeoutMs: z.number().int().positive().default(20_000),
});

export type SandboxDaemonOptions = z.input<typeof daemonOptionsSchema>;
