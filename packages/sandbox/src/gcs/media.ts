import type { GcsReply } from './context';
import { GcsError } from './gcs-error';
import { hashesOf, type GcsObject } from './model';

/**
 * The bytes of one object generation, whole or one `Range` (`bytes=a-b`, `bytes=a-`,
 * `bytes=-n`), with the headers the Node client reads: `x-goog-hash` (it validates a whole
 * download's crc32c against it) and `x-goog-stored-content-encoding` (it validates only
 * `identity` content).
 */
export function mediaReply(object: GcsObject, range: string | undefined, head = false): GcsReply {
  const hashes = hashesOf(object);
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    'x-goog-generation': object.generation,
    'x-goog-metageneration': String(object.metageneration),
    'x-goog-hash': `crc32c=${hashes.crc32c},md5=${hashes.md5Hash}`,
    'x-goog-stored-content-encoding': 'identity',
    'x-goog-stored-content-length': String(object.size),
    'x-goog-storage-class': object.storageClass,
    etag: `"${Buffer.from(hashes.md5Hash, 'base64').toString('hex')}"`,
    'last-modified': new Date(object.updated).toUTCString(),
    'accept-ranges': 'bytes',
  };
  const size = object.size;
  if (range !== undefined) {
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (match) {
      const [, from = '', to = ''] = match;
      let start: number;
      let end: number;
      if (from === '') {
        start = Math.max(0, size - Number(to));
        end = size - 1;
      } else {
        start = Number(from);
        end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
      }
      if (from === '' && to === '')
        throw new GcsError(416, 'requestedRangeNotSatisfiable', 'Bad range');
      if (start >= size || start > end) {
        return {
          status: 416,
          headers: { 'content-range': `bytes */${size}`, 'content-type': 'text/plain' },
          body: 'Request range not satisfiable',
        };
      }
      const body = head ? Buffer.alloc(0) : object.content().subarray(start, end + 1);
      return {
        status: 206,
        headers: {
          ...headers,
          'content-range': `bytes ${start}-${end}/${size}`,
          'content-length': String(end - start + 1),
        },
        body,
      };
    }
  }
  return {
    status: 200,
    headers: { ...headers, 'content-length': String(size) },
    body: head ? Buffer.alloc(0) : object.content(),
  };
}
