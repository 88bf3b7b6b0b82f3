import type { StorageConnection } from './catalog';

/** Bucket name → every (connection, account) that lists it. */
export type BucketIndex = ReadonlyMap<string, { connection: StorageConnection; account: string }[]>;

/**
 * Lists the buckets of every account of every connection once. Connections are listed in
 * parallel (they are independent services); a failure of any fails the index, because a
 * bucket missing from a partial index would be reported as unknown, or worse, as unambiguous.
 */
export async function buildBucketIndex(connections: StorageConnection[]): Promise<BucketIndex> {
  const index = new Map<string, { connection: StorageConnection; account: string }[]>();
  const found = await Promise.all(
    connections.map(async (connection) => {
      const entries: { name: string; account: string }[] = [];
      for (const account of await connection.storage.accounts()) {
        for await (const bucket of connection.storage.listBuckets(account)) {
          entries.push({ name: bucket.bucket, account });
        }
      }
      return { connection, entries };
    }),
  );
  for (const { connection, entries } of found) {
    for (const { name, account } of entries) {
      const owners = index.get(name) ?? [];
      owners.push({ connection, account });
      index.set(name, owners);
    }
  }
  return index;
}
