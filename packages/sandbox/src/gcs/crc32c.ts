import { createHash } from 'node:crypto';

/** CRC-32C (Castagnoli), reflected polynomial: the checksum GCS reports as `crc32c`. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The two hashes GCS keeps per object, base64 as the JSON API and `x-goog-hash` carry them:
 * crc32c as four big-endian bytes, md5 as its raw digest. The Node client validates downloads
 * against them, so they must be exact.
 */
export function objectHashes(bytes: Uint8Array): { crc32c: string; md5Hash: string } {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32c(bytes));
  return {
    crc32c: crc.toString('base64'),
    md5Hash: createHash('md5').update(bytes).digest('base64'),
  };
}
