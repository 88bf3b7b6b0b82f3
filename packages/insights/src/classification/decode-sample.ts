import { constants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';

/** Default bound on decompressed bytes: a sample is for classification, not a full read. */
export const DEFAULT_SAMPLE_BYTES = 1024 * 1024;

/** More than this share of control characters (besides tab, CR, LF, FF) means binary. */
const MAX_CONTROL_RATIO = 0.1;

const TEXT_TYPES =
  /^(?:text\/|application\/(?:json|xml|x-ndjson|x-yaml|yaml|csv|javascript|x-sh|sql|x-www-form-urlencoded|[\w.+-]*\+(?:json|xml)))/i;
const BINARY_TYPES =
  /^(?:image|audio|video|font)\/|^application\/(?:zip|pdf|octet-stream|x-tar|x-7z|vnd\.)/i;

/** By magic bytes, not by `.gz` or the content type: those lie as often as not. */
const isGzip = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Bytes of an object sample → text to classify, or null when not text-like. Gzip is inflated up
 * to `maxBytes` of output (a truncated sample still yields what it inflated); a UTF-8 or UTF-16
 * byte-order mark selects the decoding; binary is rejected by NUL bytes and the share of control
 * characters, whatever the declared content type says, since types are often wrong.
 */
export function decodeSample(
  bytes: Uint8Array,
  meta: { key: string; contentType: string | null; maxBytes?: number },
): string | null {
  // zlib refuses a non-finite output bound; the largest buffer is the real limit anyway.
  const maxBytes = Math.min(meta.maxBytes ?? DEFAULT_SAMPLE_BYTES, constants.MAX_LENGTH);
  let data = bytes;
  if (isGzip(bytes)) {
    data = inflateBounded(bytes, maxBytes);
  } else if (
    BINARY_TYPES.test(meta.contentType ?? '') &&
    !TEXT_TYPES.test(meta.contentType ?? '')
  ) {
    return null;
  }
  if (data.length > maxBytes) data = data.subarray(0, maxBytes);
  const text = decodeText(data);
  if (text === null || looksBinary(text)) return null;
  return text;
}

function inflateBounded(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch {
    // A sample cut mid-stream or longer than the bound: inflate what can be, chunk by chunk.
    return inflatePrefix(bytes, maxBytes);
  }
}

function inflatePrefix(bytes: Uint8Array, maxBytes: number): Uint8Array {
  for (let limit = maxBytes; limit >= 1024; limit = Math.floor(limit / 2)) {
    try {
      return gunzipSync(bytes, { maxOutputLength: limit, finishFlush: 2 /* Z_SYNC_FLUSH */ });
    } catch {
      // try a smaller bound
    }
  }
  return new Uint8Array(0);
}

function decodeText(data: Uint8Array): string | null {
  if (data[0] === 0xff && data[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff)
    return new TextDecoder('utf-16be').decode(data.subarray(2));
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return new TextDecoder('utf-8').decode(data.subarray(3));
  if (data.includes(0)) return null;
  return new TextDecoder('utf-8').decode(data);
}

function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / text.length > MAX_CONTROL_RATIO;
}
