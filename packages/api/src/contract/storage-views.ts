import { PROVIDERS, SEVERITIES } from '@ccx/core';
import { z } from 'zod';
import { moneySchema } from './common';

/**
 * What the reading routes of `/api/storage/*` answer: connections, buckets, objects, their
 * findings and versions. Objects mirror the core storage capability (`Bucket`, `ObjectEntry`,
 * `ObjectInfo`, `ObjectVersion`).
 */

export const connectionViewSchema = z.object({
  name: z.string(),
  provider: z.enum(PROVIDERS),
  sandbox: z.boolean(),
  storageClasses: z.array(z.string()),
  capabilities: z.object({ versioning: z.boolean() }),
});
export type StorageConnection = z.infer<typeof connectionViewSchema>;
export const connectionListSchema = z.object({ items: z.array(connectionViewSchema) });

export const postureCheckSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['pass', 'fail', 'unknown']),
    severity: z.enum(SEVERITIES),
    cis: z.array(z.string()),
  })
  .meta({ id: 'PostureCheck' });
export type PostureCheck = z.infer<typeof postureCheckSchema>;

/** The bucket's last measurement by storage analysis; null until one has run. */
export const bucketStatisticsSchema = z
  .object({
    objects: z.number().int(),
    bytes: z.number().int(),
    classes: z.array(
      z.object({
        storageClass: z
          .string()
          .nullable()
          .meta({ description: "null: the listing names no class (the provider's default)" }),
        objects: z.number().int(),
        bytes: z.number().int(),
      }),
    ),
    oldest: z.string().nullable(),
    newest: z.string().nullable(),
    measuredAt: z.string(),
  })
  .meta({
    id: 'BucketStatistics',
    description: 'Objects and bytes in total and per storage class, largest class first',
  });
export type BucketStatistics = z.infer<typeof bucketStatisticsSchema>;

/** Finding counts by type (`email`, `credit-card`, `aws-access-key`…). */
const findingCountsSchema = z.record(z.string(), z.number());

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
    encryption: z
      .object({
        enabled: z.boolean(),
        algorithm: z.string().nullable(),
        keyId: z.string().nullable(),
      })
      .nullable(),
    publicAccess: z
      .object({
        public: z.boolean(),
        reasons: z.array(z.string()),
        blockPublicAccess: z.boolean().nullable(),
      })
      .nullable(),
    logging: z.object({ enabled: z.boolean(), target: z.string().nullable() }).nullable(),
    lifecycle: z
      .object({
        rules: z.array(
          z.object({ id: z.string(), enabled: z.boolean(), actions: z.array(z.string()) }),
        ),
      })
      .nullable(),
    attributes: z.record(z.string(), z.unknown()),
    uid: z.string(),
    posture: z.array(postureCheckSchema),
    classification: z
      .object({
        objectsWithFindings: z.number(),
        counts: findingCountsSchema,
      })
      .nullable(),
    tiering: z
      .object({ estimatedMonthlySaving: moneySchema, recommendations: z.number() })
      .nullable(),
    statistics: bucketStatisticsSchema.nullable(),
  })
  .meta({ id: 'BucketView' });
export type BucketView = z.infer<typeof bucketViewSchema>;
export const bucketListSchema = z.object({ items: z.array(bucketViewSchema) });

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
  .meta({ id: 'ObjectInfo' });
export type ObjectInfo = z.infer<typeof objectInfoSchema>;
export const objectInfoAnswerSchema = z.object({ info: objectInfoSchema });

const objectFindingsSummarySchema = z.object({
  counts: findingCountsSchema,
  maxConfidence: z.number(),
});

const objectItemSchema = z
  .object({
    kind: z.literal('object'),
    key: z.string(),
    size: z.number(),
    lastModified: z.string(),
    etag: z.string().nullable(),
    storageClass: z.string().nullable(),
    findings: objectFindingsSummarySchema.optional(),
  })
  .meta({ id: 'ObjectItem' });
const objectPrefixSchema = z
  .object({ kind: z.literal('prefix'), prefix: z.string() })
  .meta({ id: 'ObjectPrefix' });

/** Both members are named, so the document gets a `kind` discriminator with a mapping. */
export const objectEntrySchema = z
  .discriminatedUnion('kind', [objectItemSchema, objectPrefixSchema])
  .meta({ id: 'ObjectEntry' });
export type ObjectEntry = z.infer<typeof objectEntrySchema>;
export type ObjectItem = z.infer<typeof objectItemSchema>;
export const objectPageSchema = z.object({
  entries: z.array(objectEntrySchema),
  cursor: z.string().nullable(),
});
export type ObjectPage = z.infer<typeof objectPageSchema>;

/** One match of a scan; `masked` is all the server ever sends of the matched text. */
export const storedSampleSchema = z.object({
  type: z.string(),
  ruleId: z.string().nullable(),
  masked: z.string(),
  confidence: z.number(),
  line: z.number().nullable(),
});
export type ContentMatch = z.infer<typeof storedSampleSchema>;

export const objectDetailSchema = z.object({
  info: objectInfoSchema,
  findings: z.array(storedSampleSchema),
  scannedAt: z.string().nullable(),
});
export type ObjectDetail = z.infer<typeof objectDetailSchema>;

export const storedObjectFindingSchema = z
  .object({
    key: z.string(),
    etag: z.string().nullable(),
    scannedAt: z.string(),
    counts: findingCountsSchema,
    maxConfidence: z.number(),
    samples: z.array(storedSampleSchema),
  })
  .meta({ id: 'StoredObjectFinding' });
export const storedObjectFindingListSchema = z.object({
  items: z.array(storedObjectFindingSchema),
});

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
  .meta({ id: 'ObjectVersion' });
export type ObjectVersion = z.infer<typeof objectVersionSchema>;
export const versionListSchema = z.object({ items: z.array(objectVersionSchema) });
