import type { Readable } from 'node:stream';
import { rangeStream } from '../storage-seed/range-stream';
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
    'x-goog-hash':
      hashes.md5Hash === undefined
        ? `crc32c=${hashes.crc32c}`
        : `crc32c=${hashes.crc32c},md5=${hashes.md5Hash}`,
    'x-goog-stored-content-encoding': 'identity',
    'x-goog-stored-content-length': String(object.size),
    'x-goog-storage-class': object.storageClass,
    // A composite's ETag is not an MD5, only something that changes with the object.
    etag:
      hashes.md5Hash === undefined
        ? `"${object.generation}-${object.composite?.componentCount ?? 1}"`
        : `"${Buffer.from(hashes.md5Hash, 'base64').toString('hex')}"`,
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
      const body = head ? Buffer.alloc(0) : bytesOf(object, start, end);
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
    body: head ? Buffer.alloc(0) : bytesOf(object, 0, size - 1),
  };
}

/** A composite's bytes are streamed in chunks; others are sliced from their buffer. */
function bytesOf(object: GcsObject, start: number, end: number): Buffer | Readable {
  if (object.composite) return rangeStream(object.composite.readRange, start, end);
  const content = object.content();
  return start === 0 && end === content.length - 1 ? content : content.subarray(start, end + 1);
}
