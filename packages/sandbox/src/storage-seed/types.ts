/**
 * The seeded storage estate, shared by the S3 and GCS simulators and the Azurite seeder: one
 * deterministic description per seed, so every cloud's buckets hold comparable data and tests
 * know the ground truth (which objects hold which PII or secret).
 */
export type SeedProvider = 'aws' | 'gcp' | 'azure';

/** Planted sensitive content: what a classifier should find in an object. */
export interface PlantedValue {
  /** `EMAIL`, `CREDIT_CARD`, `IBAN`, `US_SSN`, `PHONE_NUMBER`, `IP_ADDRESS` or `SECRET`. */
  type: string;
  /** For secrets, the gitleaks rule id it was made to match (e.g. `aws-access-token`). */
  ruleId?: string;
  value: string;
}

export interface SeedObject {
  key: string;
  contentType: string;
  /** ISO-8601; spread over the last few years so tiering advice has ages to work with. */
  lastModified: string;
  /** Provider-native class: S3 `STANDARD`…, GCS `STANDARD`…, Azure `Hot`/`Cool`/`Cold`/`Archive`. */
  storageClass: string;
  size: number;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  /**
   * The bytes; generated on demand (deterministic) so the estate costs little memory. A large
   * object (one with `readRange`) throws instead: read it by ranges.
   */
  body: () => Buffer;
  /**
   * Present on large objects (hundreds of MiB to GiB, AWS and GCP only): bytes
   * `start`…`endInclusive`, generated without those before, so they are served in chunks.
   */
  readRange?: (start: number, endInclusive: number) => Buffer;
  /** Large objects: the S3 ETag, multipart-style (`"<md5-hex>-<parts>"`), quoted. */
  etag?: string;
  /**
   * Large objects: the CRC-32C GCS reports (base64), computed on call. Such objects have no
   * MD5, as GCS composite objects have none.
   */
  crc32c?: () => string;
  planted: PlantedValue[];
}

export interface SeedBucket {
  provider: SeedProvider;
  /** AWS account id, GCP project id, or Azure storage account name. */
  account: string;
  name: string;
  region: string;
  createdAt: string;
  tags: Record<string, string>;
  versioning: boolean;
  /** Default encryption; false leaves the bucket without one (S3: no SSE configuration). */
  encrypted: boolean;
  /** Readable by anyone: S3 bucket policy with Principal "*", GCS allUsers, Azure `blob` access. */
  public: boolean;
  /** S3 public-access block (all four flags) / GCS public access prevention enforced. */
  blockPublicAccess: boolean;
  logging: boolean;
  lifecycleRules: {
    id: string;
    transitionDays?: number;
    storageClass?: string;
    expireDays?: number;
  }[];
  objects: readonly SeedObject[];
}

export interface StorageSeed {
  buckets: readonly SeedBucket[];
}

export interface StorageSeedOptions {
  seed: number;
  /** Reference time (ms) ages are counted back from. */
  now: number;
  /** AWS account ids of the sandbox estate, in order. */
  awsAccounts: readonly string[];
  gcpProjects: readonly string[];
  azureAccounts: readonly string[];
  /** Regions AWS buckets are spread over (the estate's); default `us-east-1` only. */
  awsRegions?: readonly string[];
  /** Objects per bucket are scaled by this (1 = a few hundred per bucket). */
  scale?: number;
}
