import type { ProviderId } from '../model/resource';

/**
 * Object bytes as they cross a boundary: any async iterable of chunks. A Node `Readable`
 * satisfies it, so providers hand their SDK's stream straight through, and a consumer that
 * stops iterating (`break`, an error) destroys the stream underneath, which aborts the
 * transfer. Nothing is buffered whole on the way.
 */
export type ByteStream = AsyncIterable<Uint8Array>;

/**
 * Where a bucket lives inside one connection. `account` is the AWS account id, the GCP project
 * id, or the Azure storage account name; `bucket` is the bucket or container name.
 */
export interface BucketRef {
  connection: string;
  account: string;
  bucket: string;
}

export interface ObjectRef extends BucketRef {
  key: string;
  /** A specific version; absent means the current one. */
  versionId?: string;
}

/** Versioning as the provider reports it; `unsupported` where the service cannot version. */
export type VersioningState = 'enabled' | 'suspended' | 'disabled' | 'unsupported';

/**
 * A bucket (container) with the settings its posture is judged on. Each setting the caller
 * could not read (permission denied, API not served) is `null`, never a guess: posture checks
 * report an unknown setting as unknown, not as a failure.
 */
export interface Bucket extends BucketRef {
  provider: ProviderId;
  region: string | null;
  createdAt: string | null;
  tags: Record<string, string>;
  versioning: VersioningState | null;
  /** Default encryption at rest. */
  encryption: { enabled: boolean; algorithm: string | null; keyId: string | null } | null;
  /**
   * Whether anyone on the internet can read it, and why (e.g. `policy-public`,
   * `acl-public-read`, `iam-allUsers`, `container-access-blob`). `blockPublicAccess` is the
   * guard rail that prevents it: the S3 public-access block (all four flags), GCS public access
   * prevention `enforced`, Azure `allowBlobPublicAccess: false`; null where none exists.
   */
  publicAccess: { public: boolean; reasons: string[]; blockPublicAccess: boolean | null } | null;
  logging: { enabled: boolean; target: string | null } | null;
  /** Lifecycle rules, summarised: the rule ids (or names) and what each does. */
  lifecycle: { rules: LifecycleRuleSummary[] } | null;
  /** Provider-specific detail kept as plain JSON (ARNs, location type, account kind…). */
  attributes: Record<string, unknown>;
}

export interface LifecycleRuleSummary {
  id: string;
  enabled: boolean;
  /** e.g. `transition:GLACIER@90d`, `expire@365d`, `abort-multipart@7d`. */
  actions: string[];
}

/** One entry of a delimited listing: an object, or a common prefix ("folder"). */
export type ObjectEntry =
  | {
      kind: 'object';
      key: string;
      size: number;
      lastModified: string;
      etag: string | null;
      storageClass: string | null;
      /**
       * Last read, where the listing reports it (Azure with last-access tracking on); absent
       * elsewhere. Tiering counts an object's age from its last use when it is known.
       */
      lastAccessedAt?: string | null;
    }
  | { kind: 'prefix'; prefix: string };

/** A page of a listing and the opaque cursor that resumes after it (null: the last page). */
export interface ObjectPage {
  entries: ObjectEntry[];
  cursor: string | null;
}

export interface ListObjectsOptions {
  prefix?: string;
  /** Usually `/`: groups keys below it into `prefix` entries. Absent lists every key. */
  delimiter?: string;
  /** Resume from a cursor a previous page returned. */
  cursor?: string;
  /** Upper bound per page (the provider may return fewer); default the provider's maximum. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** Everything known about one object (HEAD plus tags). */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: string;
  etag: string | null;
  contentType: string | null;
  storageClass: string | null;
  versionId: string | null;
  /** User metadata (`x-amz-meta-*`, GCS metadata, Azure metadata). */
  metadata: Record<string, string>;
  /** Object tags (S3, Azure index tags); GCS has none, so `{}`. */
  tags: Record<string, string>;
  /** Last read, where the provider tracks it (Azure last-access tracking); else null. */
  lastAccessedAt: string | null;
  /** Encryption of this object as stored (`AES256`, `aws:kms`, `google-managed`…). */
  encryption: string | null;
}

export interface ObjectVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
  size: number;
  lastModified: string;
  storageClass: string | null;
}

export interface PutObjectOptions {
  /** Known size in bytes: lets a provider pick a single request over multipart. */
  size?: number;
  contentType?: string;
  metadata?: Record<string, string>;
  storageClass?: string;
  /** Called with the bytes sent so far, at least once per part or block. */
  onProgress?: (sentBytes: number) => void;
  signal?: AbortSignal;
}

export interface GetObjectOptions {
  /** Inclusive byte range. */
  range?: { start: number; end: number };
  signal?: AbortSignal;
}

export interface PresignOptions {
  method: 'GET' | 'PUT';
  expiresInSeconds: number;
  /** For PUT: the Content-Type the uploader must send. */
  contentType?: string;
}

export interface PresignedUrl {
  url: string;
  expiresAt: string;
  /**
   * Headers the holder must send with the request for the service to accept it (Azure needs
   * `x-ms-blob-type: BlockBlob` on a PUT; a signed Content-Type must match). Absent: none.
   */
  headers?: Record<string, string>;
}

export interface DeleteResult {
  deleted: string[];
  errors: { key: string; code: string; message: string }[];
}

/**
 * Buckets and objects of one connection. Listing is an `AsyncIterable` of pages driven by the
 * SDK's own paginator, so a million-object bucket is walked in constant memory and a caller
 * that needs one page (the API) takes the first and keeps its cursor.
 */
export interface ObjectStorage {
  /** Storage classes (S3), classes (GCS) or access tiers (Azure) accepted by setStorageClass. */
  readonly storageClasses: readonly string[];
  /** Accounts (AWS accounts, GCP projects, Azure storage accounts) this connection reaches. */
  accounts(): Promise<string[]>;
  /** Every bucket of one account, with its posture settings. */
  listBuckets(account: string, options?: { signal?: AbortSignal }): AsyncIterable<Bucket>;
  getBucket(ref: BucketRef): Promise<Bucket>;
  listObjects(ref: BucketRef, options?: ListObjectsOptions): AsyncIterable<ObjectPage>;
  headObject(ref: ObjectRef): Promise<ObjectInfo>;
  getObject(
    ref: ObjectRef,
    options?: GetObjectOptions,
  ): Promise<{ info: ObjectInfo; body: ByteStream }>;
  /** Streams `body` up; multipart / resumable / block upload above the provider's threshold. */
  putObject(ref: ObjectRef, body: ByteStream, options?: PutObjectOptions): Promise<ObjectInfo>;
  /** Server-side copy inside this connection (same or another bucket of it). */
  copyObject(source: ObjectRef, target: ObjectRef): Promise<ObjectInfo>;
  /** Deletes up to any number of keys, batching as the provider allows; never throws per key. */
  deleteObjects(
    ref: BucketRef,
    keys: readonly { key: string; versionId?: string }[],
  ): Promise<DeleteResult>;
  presign(ref: ObjectRef, options: PresignOptions): Promise<PresignedUrl>;
  setStorageClass(ref: ObjectRef, storageClass: string): Promise<ObjectInfo>;
  /** Absent where the data plane cannot switch versioning (Azure: account-level setting). */
  setVersioning?(ref: BucketRef, enabled: boolean): Promise<void>;
  /** Absent where the provider's service (or emulator) keeps no versions. */
  listVersions?(
    ref: BucketRef,
    options?: { prefix?: string; signal?: AbortSignal },
  ): AsyncIterable<ObjectVersion>;
  /** Makes `ref.versionId` the current version again (a copy of it on top). */
  restoreVersion?(ref: ObjectRef & { versionId: string }): Promise<ObjectInfo>;
}
