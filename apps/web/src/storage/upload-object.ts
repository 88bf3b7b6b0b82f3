import { objectInfoAnswerSchema, type ObjectInfo } from '@ccx/api/contract';
import { getSession } from '../api/auth';
import type { ApiClient } from '../api/client';
import { ApiError, codeForStatus, errorBodySchema } from '../api/errors';
import type { ObjectLocation } from '../api/storage';

const BASE = '/api/storage';

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
