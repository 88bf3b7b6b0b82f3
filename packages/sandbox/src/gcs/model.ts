import { objectHashes } from './crc32c';

/** One generation of an object. Bytes are produced on demand so a seeded estate stays small. */
export interface GcsObject {
  bucket: string;
  name: string;
  /** Microseconds since the epoch, as GCS does; unique and increasing within the sandbox. */
  generation: string;
  metageneration: number;
  size: number;
  content: () => Buffer;
  contentType: string;
  storageClass: string;
  metadata: Record<string, string>;
  timeCreated: string;
  updated: string;
  timeStorageClassUpdated: string;
  /** Set when the generation stopped being live (overwritten or deleted in a versioned bucket). */
  timeDeleted: string | null;
  /**
   * Computed on first use and kept: listing must not hash every object each time. Composite
   * objects have no MD5, as on GCS.
   */
  hashes?: { crc32c: string; md5Hash?: string };
  /**
   * Large seeded objects, stored as composites (parallel composite uploads): a range of the
   * bytes, so downloads stream and nothing holds them; `content()` throws for these.
   */
  composite?: Composite;
}

export interface Composite {
  readRange: (start: number, endInclusive: number) => Buffer;
  crc32c: () => string;
  componentCount: number;
}

export interface IamBinding {
  role: string;
  members: string[];
}

export interface LifecycleRule {
  action: { type: string; storageClass?: string };
  condition: Record<string, unknown>;
}

export interface GcsBucket {
  project: string;
  name: string;
  /** Upper case, as the JSON API reports it (`US-EAST1`). */
  location: string;
  storageClass: string;
  timeCreated: string;
  updated: string;
  metageneration: number;
  labels: Record<string, string>;
  versioning: boolean;
  defaultKmsKeyName: string | null;
  logging: { logBucket: string; logObjectPrefix: string } | null;
  lifecycle: LifecycleRule[];
  publicAccessPrevention: 'enforced' | 'inherited';
  uniformBucketLevelAccess: boolean;
  bindings: IamBinding[];
  /** Generations per object name, oldest first; the last one is live unless it has timeDeleted. */
  objects: Map<string, GcsObject[]>;
}

export function hashesOf(object: GcsObject): { crc32c: string; md5Hash?: string } {
  object.hashes ??= object.composite
    ? { crc32c: object.composite.crc32c() }
    : objectHashes(object.content());
  return object.hashes;
}

export function liveGeneration(bucket: GcsBucket, name: string): GcsObject | undefined {
  const generations = bucket.objects.get(name);
  const last = generations?.[generations.length - 1];
  return last && last.timeDeleted === null ? last : undefined;
}

/** Public when IAM grants a reader role to allUsers/allAuthenticatedUsers and PAP allows it. */
export function isPublicBucket(bucket: GcsBucket): boolean {
  if (bucket.publicAccessPrevention === 'enforced') return false;
  return bucket.bindings.some(
    (binding) =>
      /^roles\/storage\.(objectViewer|legacyObjectReader|legacyBucketReader|admin|objectAdmin)$/.test(
        binding.role,
      ) && binding.members.some((m) => m === 'allUsers' || m === 'allAuthenticatedUsers'),
  );
}

/** Every bucket of the simulator, by name (bucket names are global in GCS). */
export class GcsModel {
  readonly buckets = new Map<string, GcsBucket>();
  private lastGeneration = 0n;

  constructor(
    readonly projects: readonly string[],
    private readonly now: () => number,
  ) {}

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** A fresh generation number: the clock in microseconds, bumped past the last one issued. */
  nextGeneration(): string {
    const candidate = BigInt(this.now()) * 1000n;
    this.lastGeneration = candidate > this.lastGeneration ? candidate : this.lastGeneration + 1n;
    return this.lastGeneration.toString();
  }

  /**
   * Stores a new live generation. In a versioned bucket the previous live one becomes
   * noncurrent; otherwise it is replaced.
   */
  putObject(
    bucket: GcsBucket,
    fields: Pick<GcsObject, 'name' | 'size' | 'content' | 'contentType' | 'metadata'> & {
      storageClass?: string;
      /** A copy of a composite keeps referring to its bytes (and its known CRC). */
      composite?: Composite;
      hashes?: GcsObject['hashes'];
    },
  ): GcsObject {
    const time = this.isoNow();
    const object: GcsObject = {
      bucket: bucket.name,
      name: fields.name,
      generation: this.nextGeneration(),
      metageneration: 1,
      size: fields.size,
      content: fields.content,
      contentType: fields.contentType,
      storageClass: fields.storageClass ?? bucket.storageClass,
      metadata: fields.metadata,
      timeCreated: time,
      updated: time,
      timeStorageClassUpdated: time,
      timeDeleted: null,
      ...(fields.composite ? { composite: fields.composite } : {}),
      ...(fields.hashes ? { hashes: fields.hashes } : {}),
    };
    const generations = bucket.objects.get(fields.name) ?? [];
    const live = liveGeneration(bucket, fields.name);
    if (bucket.versioning) {
      if (live) live.timeDeleted = time;
      generations.push(object);
      bucket.objects.set(fields.name, generations);
    } else {
      bucket.objects.set(fields.name, [...generations.filter((g) => g !== live), object]);
    }
    return object;
  }

  /** Deletes the live object (noncurrent in a versioned bucket) or one generation for good. */
  deleteObject(bucket: GcsBucket, name: string, generation: string | null): boolean {
    const generations = bucket.objects.get(name);
    if (!generations) return false;
    if (generation !== null) {
      const index = generations.findIndex((g) => g.generation === generation);
      if (index === -1) return false;
      generations.splice(index, 1);
    } else {
      const live = liveGeneration(bucket, name);
      if (!live) return false;
      if (bucket.versioning) live.timeDeleted = this.isoNow();
      else generations.splice(generations.indexOf(live), 1);
    }
    if (generations.length === 0) bucket.objects.delete(name);
    return true;
  }

  findObject(bucket: GcsBucket, name: string, generation: string | null): GcsObject | undefined {
    if (generation === null) return liveGeneration(bucket, name);
    return bucket.objects.get(name)?.find((g) => g.generation === generation);
  }
}
