/**
 * S3 lists keys in UTF-8 byte order. JavaScript compares UTF-16 code units, which agrees except
 * that surrogate pairs (U+10000 and up) must sort after U+E000–U+FFFF; the remap below fixes
 * exactly that without encoding either string.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Keys in listing order, by position: a bucket's sorted key array or a synthetic generator. */
export interface KeySequence {
  readonly length: number;
  keyAt(index: number): string;
}

/** First index whose key is greater than `key` (or ≥ when `inclusive`). */
export function seek(keys: KeySequence, key: string, inclusive = false): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(keys.keyAt(mid), key);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index past every key that starts with `prefix` (they are contiguous in order). */
export function seekPastPrefix(keys: KeySequence, prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const key = keys.keyAt(mid);
    if (key.startsWith(prefix) || compareKeys(key, prefix) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
