import { z } from 'zod';

/**
 * Wire shapes of `/api/storage/*`. Objects mirror the core storage capability (`Bucket`,
 * `ObjectEntry`, `ObjectInfo`, `ObjectVersion`); fields the page does not rely on are optional
 * or loose, so a newer server adding detail does not break the browser.
 */
export const storageConnectionSchema = z.object({
  name: z.string(),
  provider: z.string(),
  sandbox: z.boolean(),
  storageClasses: z.array(z.string()),
  capabilities: z.object({ versioning: z.boolean() }),
});
export type StorageConnection = z.infer<typeof storageConnectionSchema>;
export const storageConnectionsSchema = z.object({ items: z.array(storageConnectionSchema) });

export const postureCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'unknown']),
  severity: z.string(),
  cis: z.array(z.string()).default([]),
});
export type PostureCheck = z.infer<typeof postureCheckSchema>;

/** Finding counts by type (`email`, `credit-card`, `aws-access-key`…). */
const countsSchema = z.record(z.string(), z.number());

/** The last measurement of storage analysis: totals and the class mix, largest class first. */
export const bucketStatisticsSchema = z.object({
  objects: z.number(),
  bytes: z.number(),
  classes: z.array(
    z.object({ storageClass: z.string().nullable(), objects: z.number(), bytes: z.number() }),
  ),
  oldest: z.string().nullable(),
  newest: z.string().nullable(),
  measuredAt: z.string(),
});
export type BucketStatistics = z.infer<typeof bucketStatisticsSchema>;

export const bucketViewSchema = z.object({
  uid: z.string(),
  connection: z.string(),
  account: z.string(),
  bucket: z.string(),
  provider: z.string(),
  region: z.string().nullable(),
  createdAt: z.string().nullable(),
  tags: z.record(z.string(), z.string()).default({}),
  versioning: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()).default({}),
  posture: z.array(postureCheckSchema).default([]),
  classification: z
    .object({ objectsWithFindings: z.number(), counts: countsSchema })
    .nullable()
    .default(null),
  tiering: z
    .object({
      estimatedMonthlySaving: z.object({ amount: z.number(), currency: z.string() }),
      recommendations: z.number(),
    })
    .nullable()
    .default(null),
  statistics: bucketStatisticsSchema.nullable().default(null),
});
export type BucketView = z.infer<typeof bucketViewSchema>;
export const bucketListSchema = z.object({ items: z.array(bucketViewSchema) });

export const objectFindingsSchema = z.object({
  counts: countsSchema,
  maxConfidence: z.number().nullable().optional(),
});

export const objectEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('object'),
    key: z.string(),
    size: z.number(),
    lastModified: z.string(),
    etag: z.string().nullable(),
    storageClass: z.string().nullable(),
    findings: objectFindingsSchema.optional(),
  }),
  z.object({ kind: z.literal('prefix'), prefix: z.string() }),
]);
export type ObjectEntry = z.infer<typeof objectEntrySchema>;
export type ObjectItem = Extract<ObjectEntry, { kind: 'object' }>;
export const objectPageSchema = z.object({
  entries: z.array(objectEntrySchema),
  cursor: z.string().nullable(),
});
export type ObjectPage = z.infer<typeof objectPageSchema>;

export const objectInfoSchema = z.object({
  key: z.string(),
  size: z.number(),
  lastModified: z.string(),
  etag: z.string().nullable(),
  contentType: z.string().nullable(),
  storageClass: z.string().nullable(),
  versionId: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).default({}),
  tags: z.record(z.string(), z.string()).default({}),
  lastAccessedAt: z.string().nullable().optional(),
  encryption: z.string().nullable().optional(),
});
export type ObjectInfo = z.infer<typeof objectInfoSchema>;
export const objectInfoAnswerSchema = z.object({ info: objectInfoSchema });

/** One match of a scan; `masked` is all the server ever sends of the matched text. */
export const contentMatchSchema = z.object({
  type: z.string(),
  ruleId: z.string().nullable().optional(),
  masked: z.string(),
  confidence: z.number().optional(),
  line: z.number().nullable().optional(),
});
export type ContentMatch = z.infer<typeof contentMatchSchema>;

export const objectDetailSchema = z.object({
  info: objectInfoSchema,
  findings: z.array(contentMatchSchema).default([]),
  scannedAt: z.string().nullable().default(null),
});
export type ObjectDetail = z.infer<typeof objectDetailSchema>;

export const objectVersionSchema = z.object({
  key: z.string(),
  versionId: z.string(),
  isLatest: z.boolean(),
  isDeleteMarker: z.boolean(),
  size: z.number(),
  lastModified: z.string(),
  storageClass: z.string().nullable(),
});
export type ObjectVersion = z.infer<typeof objectVersionSchema>;
export const versionListSchema = z.object({ items: z.array(objectVersionSchema) });

export const deleteResultSchema = z.object({
  deleted: z.array(z.string()),
  errors: z.array(z.object({ key: z.string(), code: z.string(), message: z.string() })),
});
export type DeleteResult = z.infer<typeof deleteResultSchema>;

/** `headers`: what the holder must send for the service to accept the request (Azure PUT). */
export const presignedUrlSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type PresignedUrl = z.infer<typeof presignedUrlSchema>;

export const scanResultSchema = z.object({
  scanned: z.number(),
  skipped: z.number(),
  objectsWithFindings: z.number(),
  findings: z.array(contentMatchSchema.extend({ key: z.string() })),
});
export type ScanResult = z.infer<typeof scanResultSchema>;
