import { getSession } from './auth';
import type { ApiClient } from './client';
import { ApiError, codeForStatus, errorBodySchema } from './errors';
import {
  bucketListSchema,
  deleteResultSchema,
  objectDetailSchema,
  objectInfoAnswerSchema,
  objectPageSchema,
  presignedUrlSchema,
  scanResultSchema,
  storageConnectionsSchema,
  versionListSchema,
} from './schemas/storage';
import type {
  BucketView,
  DeleteResult,
  ObjectDetail,
  ObjectInfo,
  ObjectPage,
  ObjectVersion,
  PresignedUrl,
  ScanResult,
  StorageConnection,
} from './schemas/storage';

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
  return (await client.request(`${BASE}/connections`, storageConnectionsSchema)).items;
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

/**
 * Streams one file to `PUT /api/storage/upload` with XMLHttpRequest, the one browser API that
 * reports upload progress. The body is the File itself, so nothing is read into memory. Like
 * every mutation it carries the CSRF token; a refusal for a stale token learns the current one
 * from `me` and sends once more, as the JSON client does.
 */
export async function uploadObject(
  client: ApiClient,
  where: ObjectLocation,
  file: Blob,
  options: {
    csrfToken: string;
    onProgress?: (sent: number, total: number) => void;
    signal?: AbortSignal;
  },
): Promise<ObjectInfo> {
  try {
    return await sendUpload(client, where, file, options.csrfToken, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 403 && error.details['reason'] === 'csrf'))
      throw error;
    const session = await getSession(client);
    return sendUpload(client, where, file, session.csrfToken, options);
  }
}

function sendUpload(
  client: ApiClient,
  where: ObjectLocation,
  file: Blob,
  csrfToken: string,
  options: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal },
): Promise<ObjectInfo> {
  const { connection, account, bucket, key } = where;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', client.url(`${BASE}/upload`, { connection, account, bucket, key }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    xhr.onerror = () =>
      reject(new ApiError('network', 'The server could not be reached', { status: 0 }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onload = () => {
      const answer = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = objectInfoAnswerSchema.safeParse(answer);
        if (parsed.success) resolve(parsed.data.info);
        else
          reject(
            new ApiError('bad_response', 'The upload answer did not have the expected shape', {
              status: xhr.status,
              cause: parsed.error,
            }),
          );
        return;
      }
      const body = errorBodySchema.safeParse(answer);
      reject(
        body.success
          ? new ApiError(body.data.error.code, body.data.error.message, {
              status: xhr.status,
              details: body.data.error.details,
            })
          : new ApiError(codeForStatus(xhr.status), `Upload failed with status ${xhr.status}`, {
              status: xhr.status,
            }),
      );
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // not JSON (a proxy's page): the status decides the error
  }
}
