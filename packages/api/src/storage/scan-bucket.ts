import type { BucketRef, ObjectStorage } from '@ccx/core';
import { scanObjects, type ObjectScan } from '@ccx/storage';
import type { Store, StoredObjectScan } from '@ccx/store';

/** Bounds of one scan: it runs inside a request or the analysis loop, never unbounded. */
export const SCAN_BOUNDS = { maxObjects: 200, sampleBytes: 64 * 1024, concurrency: 4 } as const;
const MAX_SAMPLES = 50;
const MAX_REPORTED = 1000;

export interface ScanSummary {
  scanned: number;
  skipped: number;
  objectsWithFindings: number;
  /** Masked matches, at most MAX_REPORTED. */
  findings: {
    key: string;
    type: string;
    ruleId: string | null;
    masked: string;
    confidence: number;
    line: number | null;
  }[];
}

function toStored(ref: BucketRef, scan: ObjectScan, at: string): StoredObjectScan {
  const counts: Record<string, number> = {};
  let maxConfidence = 0;
  for (const match of scan.matches) {
    counts[match.type] = (counts[match.type] ?? 0) + 1;
    maxConfidence = Math.max(maxConfidence, match.confidence);
  }
  return {
    connection: ref.connection,
    account: ref.account,
    bucket: ref.bucket,
    key: scan.key,
    etag: scan.etag,
    scannedAt: at,
    counts,
    maxConfidence,
    samples: scan.matches.slice(0, MAX_SAMPLES).map((match) => ({
      type: match.type,
      ruleId: match.ruleId,
      masked: match.masked,
      confidence: match.confidence,
      line: match.line,
    })),
  };
}

/**
 * Scans up to `maxObjects` objects of a bucket and stores each scanned object's result (masked
 * samples only). With `onlyChanged`, objects whose stored scan has the same etag are skipped,
 * so a rerun reads only what is new or changed; `previous` hands in the bucket's stored scans
 * when the caller has already read them.
 */
export async function scanAndStore(
  store: Store,
  storage: ObjectStorage,
  ref: BucketRef,
  options: {
    prefix?: string;
    maxObjects?: number;
    onlyChanged?: boolean;
    previous?: readonly StoredObjectScan[];
    signal?: AbortSignal;
    now?: () => Date;
  } = {},
): Promise<ScanSummary> {
  const known = new Map<string, string | null>();
  if (options.onlyChanged) {
    const previous = options.previous ?? (await store.objectScans.listForBucket(ref));
    for (const scan of previous) known.set(scan.key, scan.etag);
  }
  const summary: ScanSummary = { scanned: 0, skipped: 0, objectsWithFindings: 0, findings: [] };
  const batch: StoredObjectScan[] = [];
  const now = options.now ?? (() => new Date());
  for await (const scan of scanObjects(storage, ref, {
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    maxObjects: options.maxObjects ?? SCAN_BOUNDS.maxObjects,
    sampleBytes: SCAN_BOUNDS.sampleBytes,
    concurrency: SCAN_BOUNDS.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
    skip: (entry) =>
      options.onlyChanged === true &&
      entry.etag !== null &&
      known.has(entry.key) &&
      known.get(entry.key) === entry.etag,
  })) {
    if (scan.status !== 'scanned') {
      summary.skipped += 1;
      continue;
    }
    summary.scanned += 1;
    if (scan.matches.length > 0) summary.objectsWithFindings += 1;
    for (const match of scan.matches) {
      if (summary.findings.length >= MAX_REPORTED) break;
      summary.findings.push({
        key: scan.key,
        type: match.type,
        ruleId: match.ruleId,
        masked: match.masked,
        confidence: match.confidence,
        line: match.line,
      });
    }
    batch.push(toStored(ref, scan, now().toISOString()));
  }
  await store.objectScans.upsertMany(batch);
  return summary;
}
