import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The flexible checksums S3 accepts (`x-amz-checksum-<name>`), in the SDK's lower-case names. */
export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

/** An incremental checksum whose digest is the base64 of its big-endian bytes, as S3 sends it. */
export interface Checksum {
  update(data: Buffer): void;
  digest(): string;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-64/NVME, reflected; the table is split into 32-bit halves so no BigInt runs per byte. */
const CRC64_TABLE = (() => {
  const poly = 0x9a6c9329ac4bc9b5n;
  const hi = new Uint32Array(256);
  const lo = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? poly ^ (c >> 1n) : c >> 1n;
    hi[n] = Number(c >> 32n);
    lo[n] = Number(c & 0xffffffffn);
  }
  return { hi, lo };
})();

function uint32Base64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

function crc32Checksum(): Checksum {
  let value = 0;
  return {
    update: (data) => (value = crc32(data, value)),
    digest: () => uint32Base64(value),
  };
}

function crc32cChecksum(): Checksum {
  let c = 0xffffffff;
  return {
    update: (data) => {
      for (const byte of data) c = (CRC32C_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    },
    digest: () => uint32Base64(c ^ 0xffffffff),
  };
}

function crc64Checksum(): Checksum {
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  return {
    update: (data) => {
      for (const byte of data) {
        const i = (lo ^ byte) & 0xff;
        lo = ((lo >>> 8) | (hi << 24)) ^ (CRC64_TABLE.lo[i] as number);
        hi = (hi >>> 8) ^ (CRC64_TABLE.hi[i] as number);
      }
    },
    digest: () => {
      const out = Buffer.alloc(8);
      out.writeUInt32BE((hi ^ 0xffffffff) >>> 0, 0);
      out.writeUInt32BE((lo ^ 0xffffffff) >>> 0, 4);
      return out.toString('base64');
    },
  };
}

function hashChecksum(algorithm: 'sha1' | 'sha256'): Checksum {
  const hash: Hash = createHash(algorithm);
  return { update: (data) => hash.update(data), digest: () => hash.digest('base64') };
}

export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'crc32':
      return crc32Checksum();
    case 'crc32c':
      return crc32cChecksum();
    case 'crc64nvme':
      return crc64Checksum();
    case 'sha1':
    case 'sha256':
      return hashChecksum(algorithm);
  }
}

export function checksumOf(algorithm: ChecksumAlgorithm, data: Buffer): string {
  const checksum = createChecksum(algorithm);
  checksum.update(data);
  return checksum.digest();
}
