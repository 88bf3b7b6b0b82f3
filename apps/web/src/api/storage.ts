import {
  bucketListSchema,
  connectionListSchema,
  deleteResultSchema,
  objectDetailSchema,
  objectInfoAnswerSchema,
  objectPageSchema,
  presignedUrlSchema,
  scanResultSchema,
  type BucketView,
  type DeleteResult,
  type ObjectDetail,
  type ObjectInfo,
  type ObjectPage,
  type ObjectVersion,
  type PresignedUrl,
  type ScanResult,
  type StorageConnection,
  versionListSchema,
} from '@ccx/api/contract';
import type { ApiClient } from './client';

/** Where a bucket is: always explicit, never a URI the server would have to resolve. */
export interface BucketLocation {
  connection: string;
  account: string;
  bucket: string;
}
export interface ObjectLocation extends BucketLocation {
  key: string;
  versionId?: string;
}

const BASE = '/api/storage';

export async function listStorageConnections(client: ApiClient): Promise<StorageConnection[]> {
  return (await client.request(`${BASE}/connections`, connectionListSchema)).items;
}

export async function listBuckets(
  client: ApiClient,
  filter: { connection?: string; provider?: string } = {},
): Promise<BucketView[]> {
  return (await client.request(`${BASE}/buckets`, bucketListSchema, { query: { ...filter } }))
    .items;
}

export function listObjects(
  client: ApiClient,
  where: BucketLocation & { prefix: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<ObjectPage> {
  return client.request(`${BASE}/objects`, objectPageSchema, {
    query: { ...where, delimiter: '/', limit: where.limit ?? 200 },
    signal,
  });
}

export function getObjectDetail(client: ApiClient, where: ObjectLocation): Promise<ObjectDetail> {
  return client.request(`${BASE}/object`, objectDetailSchema, { query: { ...where } });
}

/** A link the browser follows; the server answers with an attachment, never inline content. */
export function downloadUrl(client: ApiClient, where: ObjectLocation): string {
  return client.url(`${BASE}/download`, { ...where });
}

export async function transferObject(
  client: ApiClient,
  mode: 'copy' | 'move',
  source: ObjectLocation,
  target: ObjectLocation,
): Promise<ObjectInfo> {
  const body = { mode, source, target: { ...target, versionId: undefined } };
  return (
    await client.request(`${BASE}/transfer`, objectInfoAnswerSchema, { method: 'POST', body })
  ).info;
}

export function deleteObjects(
  client: ApiClient,
  where: BucketLocation,
  keys: { key: string; versionId?: string }[],
): Promise<DeleteResult> {
  return client.request(`${BASE}/delete`, deleteResultSchema, {
    method: 'POST',
    body: { ...where, keys },
  });
}

export function presignObject(
  client: ApiClient,
  where: ObjectLocation,
  method: 'GET' | 'PUT',
  expiresInSeconds: number,
): Promise<PresignedUrl> {
  const { versionId: _unused, ...location } = where;
  return client.request(`${BASE}/presign`, presignedUrlSchema, {
    method: 'POST',
    body: { ...location, method, expiresInSeconds },
  });
}

export async function setStorageClass(
  client: ApiClient,
  where: ObjectLocation,
  storageClass: string,
): Promise<ObjectInfo> {
  const { versionId: _unused, ...location } = where;
  return (
    await client.request(`${BASE}/class`, objectInfoAnswerSchema, {
      method: 'POST',
      body: { ...location, storageClass },
    })
  ).info;
}

export async function listVersions(
  client: ApiClient,
  where: ObjectLocation,
): Promise<ObjectVersion[]> {
  const { versionId: _unused, ...location } = where;
  return (await client.request(`${BASE}/versions`, versionListSchema, { query: location })).items;
}

export async function restoreVersion(
  client: ApiClient,
  where: ObjectLocation & { versionId: string },
): Promise<ObjectInfo> {
  return (
    await client.request(`${BASE}/restore`, objectInfoAnswerSchema, { method: 'POST', body: where })
  ).info;
}

export function scanPrefix(
  client: ApiClient,
  where: BucketLocation & { prefix?: string; maxObjects?: number },
): Promise<ScanResult> {
  return client.request(`${BASE}/scan`, scanResultSchema, { method: 'POST', body: where });
}
