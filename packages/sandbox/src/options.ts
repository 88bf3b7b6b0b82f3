import { z } from 'zod';
import { DEFAULT_ESTATE_REGIONS, KNOWN_REGIONS } from './estate/regions';
import { SUBSCRIPTION_METRICS_MODES } from './azure-arm/arm-context';
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
  /** GCS JSON API port (its own listener: GCS and S3 path-style URLs overlap); 0 picks one. */
  gcsPort: z.number().int().min(0).max(65_535).default(0),
  /** Objects per seeded GCS bucket, scaled (1 = the storage seed's few hundred; 0 = no seeded buckets). */
  gcsScale: z.number().min(0).max(100).default(1),
  /** GCP projects of the GCS simulator, each with a generated service account. */
  gcpProjects: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/))
    .min(1)
    .default(['ccx-sandbox-prod', 'ccx-sandbox-data']),
  /**
   * Azure Blob through Azurite: a child process that takes about a second to start and seed,
   * so it is off unless asked for (the demo asks; tests that need only AWS do not pay for it).
   */
  azure: z.boolean().default(false),
  /**
   * How Azure Monitor answers the subscription-scope metrics call: `served`, or refused as a
   * cloud or API version without it does (`badRequest`, `notFound`) or as it does a caller whose
   * role lacks it at subscription scope (`forbidden`). The per-VM metrics call is always served.
   */
  azureSubscriptionMetrics: z.enum(SUBSCRIPTION_METRICS_MODES).default('served'),
  /** Objects per Azure container, scaled (1 = the storage seed's few hundred; 0 = none). */
  azureScale: z.number().min(0).max(100).default(1),
  /** Objects per seeded S3 bucket, scaled (1 = the storage seed's few hundred; 0 = no seeded buckets). */
  s3Scale: z.number().min(0).max(100).default(1),
  /** S3 buckets whose objects are computed, not stored (benchmarks list millions cheaply). */
  syntheticBuckets: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
        /** Account id from the estate; the first account when absent. */
        account: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
        objects: z.number().int().min(0).max(100_000_000),
        region: z.enum(KNOWN_REGIONS).default('us-east-1'),
      }),
    )
    .default([]),
});

export type SandboxOptionsInput = z.input<typeof sandboxOptionsSchema> & {
  /** Clock for state transitions and credential expiry; `Date.now` unless a test needs control. */
  now?: () => number;
  /** Receives unexpected handler errors (they are also answered as InternalError); default stderr. */
  onError?: (error: unknown) => void;
};

export type SandboxOptions = z.output<typeof sandboxOptionsSchema>;
