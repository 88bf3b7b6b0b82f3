import { classifyText, decodeSample, type ContentMatch } from '@ccx/insights';
import { invalidInput, type BucketRef, type ObjectEntry, type ObjectStorage } from '@ccx/core';
import { mapConcurrent } from './concurrent';
import { readPrefix } from './streams';

/** The verdict on one object: its matches, or why it was not read. */
export interface ObjectScan {
  key: string;
  etag: string | null;
  size: number;
  storageClass: string | null;
  status: 'scanned' | 'skipped';
  /** Why it was skipped: `archived`, `unchanged`, `not-text`, `empty`, or `read-failed: …`. */
  reason?: string;
  matches: ContentMatch[];
}

export interface ScanOptions {
  prefix?: string;
  /** Bytes read from the front of each object (a range GET); default 64 KiB. */
  sampleBytes?: number;
  /**
   * Objects read (range GETs) before the scan stops; default 1000. Objects passed over without
   * a read (archived, empty, or refused by `skip`) do not count, so a rerun that skips what it
   * already scanned moves on through the bucket instead of stopping where the last run did.
   */
  maxObjects?: number;
  /** Objects read at once; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
  /** True to skip an object (e.g. one whose etag was already scanned). */
  skip?: (entry: { key: string; etag: string | null }) => boolean;
}

export const SCAN_DEFAULTS = { sampleBytes: 64 * 1024, maxObjects: 1000, concurrency: 8 } as const;

/**
 * Archive tiers cannot be read without a restore (S3 Glacier and Deep Archive, GCS Archive is
 * readable but billed per read, Azure Archive): reading them would fail or cost money.
 */
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE', 'ARCHIVE', 'Archive']);

/**
 * What providers store when an uploader named no type: it says nothing about the bytes, so the
 * content decides (decodeSample would otherwise skip it as binary).
 */
const GENERIC_TYPE = 'application/octet-stream';

type ObjectListing = Extract<ObjectEntry, { kind: 'object' }>;

/**
 * Classifies a sample of each object under a prefix: the first `sampleBytes` of each, read
 * with a range GET, decoded when text-like and classified. Streams one result per object looked
 * at, in completion order. A read failure of one object is reported on that object, not thrown:
 * one unreadable object must not hide the findings of the others. Aborting stops the scan.
 */
export function scanObjects(
  storage: ObjectStorage,
  bucket: BucketRef,
  options: ScanOptions = {},
): AsyncIterable<ObjectScan> {
  const sampleBytes = positive(options.sampleBytes, SCAN_DEFAULTS.sampleBytes, 'sampleBytes');
  const maxObjects = positive(options.maxObjects, SCAN_DEFAULTS.maxObjects, 'maxObjects');
  const concurrency = positive(options.concurrency, SCAN_DEFAULTS.concurrency, 'concurrency');
  const candidates = listCandidates(storage, bucket, maxObjects, options);
  return mapConcurrent(candidates, concurrency, ({ entry, passOver }) =>
    passOver === null
      ? scanOne(storage, bucket, entry, sampleBytes, options)
      : Promise.resolve(skippedScan(entry, passOver)),
  );
}

/** Why an object is passed over without reading it, or null when it is to be read. */
function passOverReason(entry: ObjectListing, options: ScanOptions): string | null {
  if (entry.storageClass !== null && ARCHIVED.has(entry.storageClass)) return 'archived';
  if (options.skip?.({ key: entry.key, etag: entry.etag }) === true) return 'unchanged';
  if (entry.size === 0) return 'empty';
  return null;
}

/** The listing, each object with its verdict; stops once `reads` objects are to be read. */
async function* listCandidates(
  storage: ObjectStorage,
  bucket: BucketRef,
  reads: number,
  options: ScanOptions,
): AsyncIterable<{ entry: ObjectListing; passOver: string | null }> {
  let toRead = 0;
  const listing = { prefix: options.prefix, signal: options.signal };
  for await (const page of storage.listObjects(bucket, listing)) {
    for (const entry of page.entries) {
      if (entry.kind !== 'object') continue;
      const passOver = passOverReason(entry, options);
      if (passOver === null) {
        if (toRead >= reads) return;
        toRead += 1;
      }
      yield { entry, passOver };
    }
  }
}

function entryScan(entry: ObjectListing): Omit<ObjectScan, 'status'> {
  return {
    key: entry.key,
    etag: entry.etag,
    size: entry.size,
    storageClass: entry.storageClass,
    matches: [],
  };
}

function skippedScan(entry: ObjectListing, reason: string): ObjectScan {
  return { ...entryScan(entry), status: 'skipped', reason };
}

async function scanOne(
  storage: ObjectStorage,
  bucket: BucketRef,
  entry: ObjectListing,
  sampleBytes: number,
  options: ScanOptions,
): Promise<ObjectScan> {
  const skipped = (reason: string): ObjectScan => skippedScan(entry, reason);
  options.signal?.throwIfAborted();
  let bytes: Uint8Array;
  let contentType: string | null;
  try {
    const end = Math.min(entry.size, sampleBytes) - 1;
    const { info, body } = await storage.getObject(
      { ...bucket, key: entry.key },
      { range: { start: 0, end }, signal: options.signal },
    );
    contentType = info.contentType;
    bytes = await readPrefix(body, sampleBytes);
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    return skipped(`read-failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = decodeSample(bytes, {
    key: entry.key,
    contentType: contentType === GENERIC_TYPE ? null : contentType,
    maxBytes: sampleBytes * 16,
  });
  if (text === null) return skipped('not-text');
  return { ...entryScan(entry), status: 'scanned', matches: classifyText(text) };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw invalidInput(`${name} must be a positive whole number`, { [name]: value });
  return value;
}
