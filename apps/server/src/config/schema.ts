import { z } from 'zod';
import { roleSchema } from '@ccx/core';
import { connectionsSchema } from './connections';
import { insightsSchema } from './insights';

/**
 * The shape of ccx.yaml after environment overrides. Every object is strict: a misspelt key is
 * an error with its path rather than a setting silently ignored. Defaults live here and only
 * here; `prefault({})` runs the inner defaults when a whole section is absent.
 */
const between = (min: number, max: number) => `expected a number between ${min} and ${max}`;
const intBetween = (min: number, max: number) =>
  z
    .number({ error: between(min, max) })
    .int({ error: `expected a whole number between ${min} and ${max}` })
    .min(min, { error: between(min, max) })
    .max(max, { error: between(min, max) });

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: intBetween(1, 65535).default(8080),
  /** The URL users reach the server at (behind a proxy); used for OIDC redirects and cookies. */
  publicUrl: z.url({ error: 'expected an absolute URL' }).optional(),
  /** Forces the Secure cookie flag; by default it follows the scheme of `publicUrl`. */
  secureCookies: z.boolean().optional(),
});

const storeSchema = z.strictObject({
  /** `postgres://…`, an SQLite file path, or `sqlite:path`; default `<dataDir>/ccx.db`. */
  url: z.string().min(1).optional(),
});

const syncSchema = z
  .strictObject({
    driver: z.enum(['inprocess', 'bullmq']).default('inprocess'),
    redisUrl: z.string().min(1).optional(),
    queueName: z.string().min(1).default('ccx-sync'),
    /** Jobs one `ccx worker` process runs at once (bullmq); unset takes the engine's default. */
    workerConcurrency: intBetween(1, 256).optional(),
    /** Minutes between scheduled syncs while serving; 0 turns the schedule off. */
    intervalMinutes: intBetween(0, 10_080).default(0),
    /**
     * Passed to the sync engine as its `limits`; an unset key takes the engine's default, so
     * the defaults live in one place (@ccx/sync).
     */
    concurrency: z
      .strictObject({
        /** Jobs running at once in one run. */
        maxConcurrentJobs: intBetween(1, 1024).optional(),
        /** Jobs at once against one provider (all its connections). */
        perProvider: intBetween(1, 1024).optional(),
        /** Jobs at once against one API (`provider:service:account:region`), the unit clouds throttle. */
        perApi: intBetween(1, 256).optional(),
        providers: z.record(z.string(), intBetween(1, 1024)).optional(),
        apis: z.record(z.string(), intBetween(1, 256)).optional(),
        batchSize: intBetween(1, 100_000).optional(),
      })
      .prefault({}),
    /** Job-level retries with full-jitter exponential backoff; unset keys take the engine's defaults. */
    retry: z
      .strictObject({
        maxAttempts: intBetween(1, 20).optional(),
        baseDelayMs: intBetween(0, 600_000).optional(),
        maxDelayMs: intBetween(0, 3_600_000).optional(),
      })
      .prefault({}),
  })
  .refine((sync) => sync.driver !== 'bullmq' || sync.redisUrl !== undefined, {
    path: ['redisUrl'],
    error: 'required when driver is "bullmq" (or set CCX_REDIS_URL)',
  });

const oidcSchema = z.strictObject({
  issuer: z.url({ error: 'expected the issuer URL' }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUri: z.url({ error: 'expected an absolute URL' }).optional(),
  /** Shown on the login button. */
  name: z.string().min(1).default('Single sign-on'),
  defaultRole: roleSchema.default('viewer'),
  /** ID-token claim whose value (or values) map to a role through `roleMap`. */
  roleClaim: z.string().min(1).optional(),
  roleMap: z.record(z.string(), roleSchema).optional(),
});

export const configSchema = z.strictObject({
  dataDir: z.string().min(1).default('.ccx/data'),
  server: serverSchema.prefault({}),
  store: storeSchema.prefault({}),
  sync: syncSchema.prefault({}),
  auth: z
    .strictObject({
      /** A session ends this long after its last use… */
      sessionTtlHours: intBetween(1, 24 * 90).default(12),
      /** …and at the latest this long after sign-in, however active. */
      sessionMaxHours: intBetween(1, 24 * 365).default(168),
      oidc: oidcSchema.optional(),
    })
    .prefault({}),
  tls: z
    .strictObject({
      /** PEM file of extra certificate authorities (the sandbox's, or a corporate CA). */
      extraCaFile: z.string().min(1).optional(),
    })
    .prefault({}),
  logging: z.strictObject({ level: z.enum(LOG_LEVELS).default('info') }).prefault({}),
  /** How the analyses judge what the sync stored. */
  insights: insightsSchema.prefault({}),
  /** True for a config written by the sandbox: everything it shows is labelled as sandbox data. */
  sandbox: z.boolean().default(false),
  connections: connectionsSchema.default([]),
});

/** A validated config; paths (`dataDir`, `store.url`, `tls.extraCaFile`) are absolute. */
export type CcxConfig = z.infer<typeof configSchema>;
export type CcxConfigInput = z.input<typeof configSchema>;
export type ConnectionConfig = CcxConfig['connections'][number];
