import { z } from 'zod';

/**
 * Schemas of `/api/storage/*`: names and references, and the bodies (with their answers) of the
 * routes that act on buckets and objects. What the reading routes answer is in
 * `./storage-views`.
 */

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A name (connection, account, bucket, version): bounded, no control characters. */
export const storageName = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters');

export const storagePrefixSchema = z
  .string()
  .max(1024)
  .refine((value) => !CONTROL.test(value), 'must not contain control characters');

const utf8 = new TextEncoder();

/**
 * Object keys are names, not paths: `..` and `<` are kept verbatim and only reach the
 * provider; control characters are refused so they never reach logs, terminals or headers.
 */
export const objectKeySchema = z
  .string()
  .min(1)
  .refine((key) => utf8.encode(key).byteLength <= 1024, 'must be at most 1024 bytes')
  .refine((key) => !CONTROL.test(key), 'must not contain control characters');

export const bucketRefSchema = z.object({
  connection: storageName(128),
  account: storageName(256),
  bucket: storageName(256),
});
export type BucketRef = z.infer<typeof bucketRefSchema>;
export const objectRefSchema = bucketRefSchema.extend({ key: objectKeySchema });
export type ObjectRef = z.infer<typeof objectRefSchema>;
export const versionedRefSchema = objectRefSchema.extend({
  versionId: storageName(1024).optional(),
});

export const transferRequestSchema = z.object({
  mode: z.enum(['copy', 'move']),
  source: versionedRefSchema,
  target: objectRefSchema,
});
export const deleteRequestSchema = bucketRefSchema.extend({
  keys: z
    .array(z.object({ key: objectKeySchema, versionId: storageName(1024).optional() }))
    .min(1)
    .max(1000),
});
export const deleteResultSchema = z.object({
  deleted: z.array(z.string()),
  errors: z.array(z.object({ key: z.string(), code: z.string(), message: z.string() })),
});
export type DeleteResult = z.infer<typeof deleteResultSchema>;

export const presignRequestSchema = objectRefSchema.extend({
  method: z.enum(['GET', 'PUT']),
  expiresInSeconds: z.number().int().min(60).max(604_800),
});
export const presignedUrlSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
  headers: z.record(z.string(), z.string()).optional().meta({
    description:
      'Headers the holder must send for the service to accept the request (an Azure PUT); absent if none',
  }),
});
export type PresignedUrl = z.infer<typeof presignedUrlSchema>;

export const storageClassRequestSchema = objectRefSchema.extend({
  storageClass: storageName(64),
});
export const versioningRequestSchema = bucketRefSchema.extend({ enabled: z.boolean() });
export const versioningResultSchema = z.object({ ok: z.literal(true) });
export const restoreRequestSchema = objectRefSchema.extend({ versionId: storageName(1024) });
export const scanRequestSchema = bucketRefSchema.extend({
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
export type ScanResult = z.infer<typeof scanResultSchema>;
