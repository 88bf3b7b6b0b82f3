/**
 * Classes an object can be moved to with CopyObject. REDUCED_REDUNDANCY is deprecated and
 * EXPRESS_ONEZONE exists only in directory buckets, so neither is offered.
 */
export const S3_STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
] as const;

/** SigV4 presigned URLs live at most seven days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

/** Multipart part size and parallel parts: 8 MiB × 4 bounds an upload's buffer at 32 MiB. */
export const PART_SIZE = 8 * 1024 * 1024;
export const QUEUE_SIZE = 4;

/** DeleteObjects takes at most 1000 keys a request. */
export const DELETE_BATCH = 1000;

/** CopyObject copies at most 5 GiB in one request. */
export const MAX_SINGLE_COPY = 5 * 1024 * 1024 * 1024;
