import {
  CcxError,
  conflict,
  invalidInput,
  notFound,
  parseStorageUri,
  StorageUriError,
  type Bucket,
  type ObjectRef,
  type ObjectStorage,
  type ProviderConnection,
  type ProviderId,
  type StorageUri,
} from '@ccx/core';
import { buildBucketIndex, type BucketIndex } from './bucket-index';

/** A connection known to hold object storage. */
export type StorageConnection = ProviderConnection & { storage: ObjectStorage };

/** Where a URI points: the connection that holds it and the object (or prefix) reference. */
export interface StorageTarget {
  connection: StorageConnection;
  ref: ObjectRef;
}

/** A scheme root (`s3://`), or an Azure account root (`az://account`, `account` set). */
export interface StorageRoot {
  root: true;
  provider: ProviderId;
  /** Set for `az://account/`: the containers of one storage account. */
  account?: string;
  /** The connections that could hold it (one, for an Azure account). */
  connections?: string[];
}

export interface StorageCatalog {
  /** Connections that have the storage capability. */
  list(): { name: string; provider: ProviderId; storage: ObjectStorage }[];
  /** The storage of one connection; `not_found` when it is unknown or has no storage. */
  get(connection: string): ObjectStorage;
  /**
   * `s3://b/k`, `gs://b/k`, `az://acct/c/k` → the connection and account holding it. S3 and GCS
   * bucket names are global, so the owner is found by listing each candidate connection's
   * accounts' buckets once (cached for the life of the catalog, refreshed once on a miss);
   * several owners → `conflict` naming them; none → `not_found`. A `connection` hint restricts
   * the search to that connection.
   */
  resolve(uri: string, hint?: { connection?: string }): Promise<StorageTarget | StorageRoot>;
  /** Every bucket of every storage connection (for `ls s3://` …), streamed. */
  buckets(
    provider?: ProviderId,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<Bucket & { connection: string }>;
}

/** True when `resolve` answered with a scheme or account root rather than a bucket. */
export function isStorageRoot(value: StorageTarget | StorageRoot): value is StorageRoot {
  return 'root' in value;
}

/**
 * The storage view of a set of connections. It holds no connection of its own: closing the
 * connections is the caller's business, and a catalog is cheap enough to build per request.
 */
export function storageConnections(
  connections: ReadonlyMap<string, ProviderConnection>,
): StorageCatalog {
  const storing = [...connections.values()].filter(
    (connection): connection is StorageConnection => connection.storage !== undefined,
  );
  const indexes = new Map<string, Promise<BucketIndex>>();

  function connection(name: string): StorageConnection {
    const found = storing.find((candidate) => candidate.name === name);
    if (found === undefined) {
      throw connections.has(name)
        ? new CcxError('not_found', `Connection "${name}" has no object storage`)
        : notFound(`Connection "${name}"`);
    }
    return found;
  }

  function candidates(provider: ProviderId, hint?: string): StorageConnection[] {
    if (hint === undefined) return storing.filter((c) => c.provider === provider);
    const chosen = connection(hint);
    if (chosen.provider !== provider) {
      throw invalidInput(
        `Connection "${hint}" is ${chosen.provider}, not ${provider}: the URI's scheme names the provider`,
      );
    }
    return [chosen];
  }

  /** The bucket index of a candidate set, built once; a failed build is not cached. */
  function index(of: StorageConnection[], fresh: boolean): Promise<BucketIndex> {
    const cacheKey = of.map((c) => c.name).join('\u0000');
    const cached = indexes.get(cacheKey);
    if (cached !== undefined && !fresh) return cached;
    const building = buildBucketIndex(of);
    indexes.set(cacheKey, building);
    building.catch(() => indexes.delete(cacheKey));
    return building;
  }

  async function owners(
    of: StorageConnection[],
    bucket: string,
  ): Promise<{ connection: StorageConnection; account: string }[]> {
    const first = await index(of, false);
    const found = first.get(bucket);
    if (found !== undefined) return found;
    // A bucket created since the index was built: look once more before saying it is unknown.
    return (await index(of, true)).get(bucket) ?? [];
  }

  async function resolveBucket(
    parsed: StorageUri & { bucket: string },
    of: StorageConnection[],
  ): Promise<StorageTarget> {
    const ref = { bucket: parsed.bucket, key: parsed.key };
    if (parsed.account !== null) {
      const account = parsed.account;
      const holders = await accountHolders(of, account);
      const only = single(holders, `Storage account "${account}"`);
      return { connection: only, ref: { connection: only.name, account, ...ref } };
    }
    const found = await owners(of, parsed.bucket);
    const owner = single(
      found.map((entry) => entry.connection),
      `Bucket "${parsed.bucket}"`,
    );
    const account = found[0]?.account ?? '';
    return { connection: owner, ref: { connection: owner.name, account, ...ref } };
  }

  return {
    list: () => storing.map((c) => ({ name: c.name, provider: c.provider, storage: c.storage })),
    get: (name) => connection(name).storage,
    async resolve(uri, hint) {
      const parsed = parseUri(uri);
      const of = candidates(parsed.provider, hint?.connection);
      if (parsed.bucket === null) {
        if (parsed.account === null) {
          return { root: true, provider: parsed.provider, connections: of.map((c) => c.name) };
        }
        const holders = await accountHolders(of, parsed.account);
        const only = single(holders, `Storage account "${parsed.account}"`);
        return {
          root: true,
          provider: parsed.provider,
          account: parsed.account,
          connections: [only.name],
        };
      }
      return resolveBucket({ ...parsed, bucket: parsed.bucket }, of);
    },
    async *buckets(provider, options) {
      for (const c of storing) {
        if (provider !== undefined && c.provider !== provider) continue;
        for (const account of await c.storage.accounts()) {
          for await (const bucket of c.storage.listBuckets(account, options)) {
            yield { ...bucket, connection: c.name };
          }
        }
      }
    },
  };
}

/** Azure URIs name the account: the connections whose accounts include it. */
async function accountHolders(
  of: StorageConnection[],
  account: string,
): Promise<StorageConnection[]> {
  const lists = await Promise.all(of.map((c) => c.storage.accounts()));
  return of.filter((_, i) => lists[i]?.includes(account) === true);
}

/** Exactly one holder, or the error that says why not (naming the candidates when several). */
function single(holders: StorageConnection[], what: string): StorageConnection {
  const unique = [...new Set(holders)];
  const [first, second] = unique;
  if (first === undefined) throw notFound(what);
  if (second !== undefined) {
    const names = unique.map((c) => c.name);
    throw conflict(
      `${what} is reachable through several connections (${names.join(', ')}): choose one with --connection`,
      { connections: names },
    );
  }
  return first;
}

function parseUri(uri: string): StorageUri {
  try {
    return parseStorageUri(uri);
  } catch (error) {
    if (error instanceof StorageUriError) throw invalidInput(error.message);
    throw error;
  }
}
