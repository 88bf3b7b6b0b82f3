import { createHash } from 'node:crypto';
import type { ObjectVersion, SyntheticContents } from './model';

/** Top-level prefixes, in key order; the objects are split evenly among them. */
const GROUPS = ['archive/', 'data/', 'logs/'] as const;
/** Fixed creation time of computed objects, so listings are stable across runs. */
const EPOCH = Date.UTC(2025, 0, 1);

const pad = (n: number) => String(n).padStart(10, '0');

/**
 * A synthetic bucket of `count` computed objects: `archive/0000000000.json`…, `data/…`,
 * `logs/…` (a third under each prefix, numbered within it). Because each group is a
 * contiguous run of the key order and numbers are zero-padded, position ↔ key is arithmetic
 * and ListObjectsV2 touches only the page it returns.
 */
export function syntheticContents(count: number): SyntheticContents {
  const sizes = GROUPS.map(
    (_, g) => Math.floor(count / GROUPS.length) + (g < count % GROUPS.length ? 1 : 0),
  );
  const starts = sizes.map((_, g) => sizes.slice(0, g).reduce((a, b) => a + b, 0));
  const body = (key: string) => Buffer.from(`${JSON.stringify({ key, synthetic: true })}\n`);
  const keyAt = (index: number): string => {
    let g = GROUPS.length - 1;
    while (g > 0 && index < (starts[g] as number)) g--;
    return `${GROUPS[g]}${pad(index - (starts[g] as number))}.json`;
  };
  const indexOf = (key: string): number => {
    const m = /^([a-z]+\/)(\d{10})\.json$/.exec(key);
    const g = m ? GROUPS.indexOf(m[1] as (typeof GROUPS)[number]) : -1;
    if (!m || g === -1) return -1;
    const local = Number(m[2]);
    return local < (sizes[g] as number) ? (starts[g] as number) + local : -1;
  };
  return {
    length: count,
    keyAt,
    indexOf,
    versionAt: (index): ObjectVersion => {
      const key = keyAt(index);
      const data = body(key);
      return {
        key,
        versionId: 'null',
        deleteMarker: false,
        lastModified: EPOCH + (index % 86_400) * 1000,
        size: data.length,
        etag: `"${createHash('md5').update(data).digest('hex')}"`,
        storageClass: 'STANDARD',
        contentType: 'application/json',
        metadata: {},
        tags: {},
        checksum: null,
        body: () => data,
      };
    },
  };
}
