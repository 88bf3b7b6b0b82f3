/** Where one scanned object lives; the primary key of a stored scan. */
export interface ObjectScanKey {
  connection: string;
  account: string;
  bucket: string;
  key: string;
}

/** One match of a scan as stored: only the masked form of the matched text, never the text. */
export interface ObjectScanSample {
  type: string;
  /** The rule (gitleaks id or recognizer id); null where the classifier names none. */
  ruleId: string | null;
  masked: string;
  confidence: number;
  /** 1-based line of the match; null where the content has no lines (binary formats). */
  line: number | null;
}

/** The latest content scan of one object. */
export interface StoredObjectScan extends ObjectScanKey {
  /** The etag scanned; a later analysis rescans when the object's etag differs. */
  etag: string | null;
  scannedAt: string;
  /** Matches per finding type (`email`, `credit_card`, `aws_access_key`…). */
  counts: Record<string, number>;
  /** Highest confidence of any match, 0 when there is none. */
  maxConfidence: number;
  samples: ObjectScanSample[];
}

/** What the scans of one bucket add up to. */
export interface BucketScanRollup {
  connection: string;
  account: string;
  bucket: string;
  objectsScanned: number;
  objectsWithFindings: number;
  counts: Record<string, number>;
  maxConfidence: number;
  lastScannedAt: string;
}

export interface ObjectScanRepository {
  /** Stores each scan, replacing the previous scan of the same object. */
  upsertMany(scans: readonly StoredObjectScan[]): Promise<void>;
  get(key: ObjectScanKey): Promise<StoredObjectScan | null>;
  /** Scans of one bucket ordered by key; `keys` narrows to those objects. */
  listForBucket(
    bucket: Omit<ObjectScanKey, 'key'>,
    options?: { keys?: readonly string[] },
  ): Promise<StoredObjectScan[]>;
  /**
   * Forgets the scans of these objects (deleted, or no longer listed): a bucket's rollup then
   * stops counting findings in objects that are gone. Returns how many scans were removed.
   */
  deleteKeys(bucket: Omit<ObjectScanKey, 'key'>, keys: readonly string[]): Promise<number>;
  /** One rollup per scanned bucket, optionally of one connection; ordered by location. */
  rollups(filter?: { connection?: string }): Promise<BucketScanRollup[]>;
}
