import { PROVIDERS, SEVERITIES } from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { queryInt } from './common.schema';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A name (connection, account, bucket, version): bounded, no control characters. */
const name = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters');

/**
 * Object keys are names, not paths: `..` and `<` are kept verbatim and only reach the
 * provider; control characters are refused so they never reach logs, terminals or headers.
 */
export const objectKeySchema = z
  .string()
  .min(1)
  .refine((key) => Buffer.byteLength(key, 'utf8') <= 1024, 'must be at most 1024 bytes')
  .refine((key) => !CONTROL.test(key), 'must not contain control characters');

export const bucketRefSchema = z.object({
  connection: name(128),
  account: name(256),
  bucket: name(256),
});
export const objectRefSchema = bucketRefSchema.extend({ key: objectKeySchema });
export const versionedRefSchema = objectRefSchema.extend({ versionId: name(1024).optional() });

export const bucketListQuerySchema = z.object({
  connection: name(128).optional(),
  provider: z.enum(PROVIDERS).optional(),
});
export const objectListQuerySchema = bucketRefSchema.extend({
  prefix: z
    .string()
    .max(1024)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters')
    .optional(),
  delimiter: z.string().min(1).max(8).optional(),
  cursor: z.string().min(1).max(4096).optional(),
  limit: queryInt(1, 1000).default(200),
});
export const findingsQuerySchema = bucketRefSchema;

const moneySchema = z.object({ amount: z.number(), currency: z.string() });

export const postureCheckSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['pass', 'fail', 'unknown']),
    severity: z.enum(SEVERITIES),
    cis: z.array(z.string()),
  })
  .openapi('PostureCheck');

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/** The bucket's last measurement by storage analysis; null until one has run. */
export const bucketStatisticsViewSchema = z
  .object({
    objects: z.number().int(),
    bytes: z.number().int(),
    classes: z.array(
      z.object({
        storageClass: z
          .string()
          .nullable()
          .openapi({ description: "null: the listing names no class (the provider's default)" }),
        objects: z.number().int(),
        bytes: z.number().int(),
      }),
    ),
    oldest: z.string().nullable(),
    newest: z.string().nullable(),
    measuredAt: z.string(),
  })
  .openapi('BucketStatistics', {
    description: 'Objects and bytes in total and per storage class, largest class first',
  });

export const bucketViewSchema = z
  .object({
    connection: z.string(),
    account: z.string(),
    bucket: z.string(),
    provider: z.enum(PROVIDERS),
    region: z.string().nullable(),
    createdAt: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    versioning: z.enum(['enabled', 'suspended', 'disabled', 'unsupported']).nullable(),
    encryption: nullable(
      z.object({
        enabled: z.boolean(),
        algorithm: z.string().nullable(),
        keyId: z.string().nullable(),
      }),
    ),
    publicAccess: nullable(
      z.object({
        public: z.boolean(),
        reasons: z.array(z.string()),
        blockPublicAccess: z.boolean().nullable(),
      }),
    ),
    logging: nullable(z.object({ enabled: z.boolean(), target: z.string().nullable() })),
    lifecycle: nullable(
      z.object({
        rules: z.array(
          z.object({ id: z.string(), enabled: z.boolean(), actions: z.array(z.string()) }),
        ),
      }),
    ),
    attributes: z.record(z.string(), z.unknown()),
    uid: z.string(),
    posture: z.array(postureCheckSchema),
    classification: nullable(
      z.object({
        objectsWithFindings: z.number(),
        counts: z.record(z.string(), z.number()),
      }),
    ),
    tiering: nullable(
      z.object({ estimatedMonthlySaving: moneySchema, recommendations: z.number() }),
    ),
    statistics: bucketStatisticsViewSchema.nullable(),
  })
  .openapi('BucketView');

export const objectInfoSchema = z
  .object({
    key: z.string(),
    size: z.number(),
    lastModified: z.string(),
    etag: z.string().nullable(),
    contentType: z.string().nullable(),
    storageClass: z.string().nullable(),
    versionId: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    tags: z.record(z.string(), z.string()),
    lastAccessedAt: z.string().nullable(),
    encryption: z.string().nullable(),
  })
  .openapi('ObjectInfo');

const objectFindingsSummary = z.object({
  counts: z.record(z.string(), z.number()),
  maxConfidence: z.number(),
});

export const objectEntrySchema = z
  .union([
    z.object({
      kind: z.literal('object'),
      key: z.string(),
      size: z.number(),
      lastModified: z.string(),
      etag: z.string().nullable(),
      storageClass: z.string().nullable(),
      findings: objectFindingsSummary.optional(),
    }),
    z.object({ kind: z.literal('prefix'), prefix: z.string() }),
  ])
  .openapi('ObjectEntry');

export const storedSampleSchema = z.object({
  type: z.string(),
  ruleId: z.string().nullable(),
  masked: z.string(),
  confidence: z.number(),
  line: z.number().nullable(),
});

export const storedObjectFindingSchema = z
  .object({
    key: z.string(),
    etag: z.string().nullable(),
    scannedAt: z.string(),
    counts: z.record(z.string(), z.number()),
    maxConfidence: z.number(),
    samples: z.array(storedSampleSchema),
  })
  .openapi('StoredObjectFinding');

export const objectVersionSchema = z
  .object({
    key: z.string(),
    versionId: z.string(),
    isLatest: z.boolean(),
    isDeleteMarker: z.boolean(),
    size: z.number(),
    lastModified: z.string(),
    storageClass: z.string().nullable(),
  })
  .openapi('ObjectVersion');

export const transferBodySchema = z.object({
  mode: z.enum(['copy', 'move']),
  source: versionedRefSchema,
  target: objectRefSchema,
});
export const deleteBodySchema = bucketRefSchema.extend({
  keys: z
    .array(z.object({ key: objectKeySchema, versionId: name(1024).optional() }))
    .min(1)
    .max(1000),
});
export const presignBodySchema = objectRefSchema.extend({
  method: z.enum(['GET', 'PUT']),
  expiresInSeconds: z.number().int().min(60).max(604_800),
});
export const classBodySchema = objectRefSchema.extend({ storageClass: name(64) });
export const versioningBodySchema = bucketRefSchema.extend({ enabled: z.boolean() });
export const restoreBodySchema = objectRefSchema.extend({ versionId: name(1024) });
export const scanBodySchema = bucketRefSchema.extend({
  prefix: z.string().max(1024).optional(),
  maxObjects: z.number().int().min(1).max(1000).optional(),
});

export const scanResultSchema = z.object({
  scanned: z.number(),
  skipped: z.number(),
  objectsWithFindings: z.number(),
  findings: z.array(
    z.object({
      key: z.string(),
      type: z.string(),
      ruleId: z.string().nullable(),
      masked: z.string(),
      confidence: z.number(),
      line: z.number().nullable(),
    }),
  ),
});

export const connectionViewSchema = z.object({
  name: z.string(),
  provider: z.enum(PROVIDERS),
  sandbox: z.boolean(),
  storageClasses: z.array(z.string()),
  capabilities: z.object({ versioning: z.boolean() }),
});
