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

/** CRC-32C of `bytes`, as an unsigned 32-bit number. */
export function crc32c(bytes: Uint8Array): number {
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

/** `vec` times the 32×32 GF(2) matrix `mat` (one column per bit of `vec`). */
function times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i] ?? 0;
  return sum >>> 0;
}

function square(mat: Uint32Array): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(32);
  for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n] ?? 0);
  return out;
}

/**
 * The CRC-32C of `A‖B` from `crc(A)`, `crc(B)` and `B`'s length, without the bytes (zlib's
 * crc32_combine method: appending `lengthB` zero bytes is a linear map, applied by repeated
 * squaring). Lengths may exceed 2³², so they are halved arithmetically, not shifted.
 */
export function crc32cCombine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA;
  // The operator for one zero bit, then squared to two and four bits: bytes start at eight.
  let op = new Uint32Array(32);
  op[0] = 0x82f63b78;
  for (let n = 1; n < 32; n++) op[n] = 1 << (n - 1);
  op = square(square(op));
  let crc = crcA;
  let remaining = lengthB;
  while (remaining > 0) {
    op = square(op);
    if (remaining % 2 === 1) crc = times(op, crc);
    remaining = Math.floor(remaining / 2);
  }
  return (crc ^ crcB) >>> 0;
}

/** CRC-32C of `count` back-to-back copies of a block of `length` bytes whose CRC is `crc`. */
export function crc32cRepeated(crc: number, length: number, count: number): number {
  let total = 0;
  let block = crc;
  let blockLength = length;
  for (let left = count; left > 0; left = Math.floor(left / 2)) {
    if (left % 2 === 1) total = crc32cCombine(total, block, blockLength);
    block = crc32cCombine(block, block, blockLength);
    blockLength *= 2;
  }
  return total;
}
