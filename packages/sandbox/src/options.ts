import { z } from 'zod';
import { DEFAULT_ESTATE_REGIONS, KNOWN_REGIONS } from './estate/regions';
import { faultSpecSchema } from './faults/fault-spec';

export const DEFAULT_STATE_DIR = '.ccx/sandbox';

export const estateShapeSchema = z.object({
  accounts: z.number().int().min(1).max(50).default(3),
  regions: z
    .array(z.enum(KNOWN_REGIONS))
    .min(1)
    .default([...DEFAULT_ESTATE_REGIONS]),
  /** Instances per account and region; absent means a seeded 15–35 each (a few hundred in all). */
  instancesPerRegion: z.number().int().min(0).max(100_000).optional(),
});

/** `startSandbox` options, validated at the edge; every field has a default. */
export const sandboxOptionsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /** HTTP port; 0 picks a free one. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** HTTPS port (same handler, certificate from the sandbox CA); 0 picks a free one. */
  httpsPort: z.number().int().min(0).max(65_535).default(0),
  /** Where the CA and the server certificate are kept between runs. */
  stateDir: z.string().min(1).default(DEFAULT_STATE_DIR),
  seed: z.number().int().default(42),
  /** How long pending → running and stopping → stopped take. */
  transitionMs: z.number().int().min(0).default(3000),
  /** A fault spec string (`latency=50,ec2.throttle=0.3`) or a parsed spec. */
  faults: z.union([z.string(), faultSpecSchema]).default(''),
  estate: estateShapeSchema.prefault({}),
});

export type SandboxOptionsInput = z.input<typeof sandboxOptionsSchema> & {
  /** Clock for state transitions and credential expiry; `Date.now` unless a test needs control. */
  now?: () => number;
  /** Receives unexpected handler errors (they are also answered as InternalError); default stderr. */
  onError?: (error: unknown) => void;
};

export type SandboxOptions = z.output<typeof sandboxOptionsSchema>;
