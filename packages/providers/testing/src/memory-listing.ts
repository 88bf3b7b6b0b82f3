import { invalidInput, type ObjectEntry, type ObjectPage } from '@ccx/core';

/**
 * Delimited, paginated listing over a sorted key set, the way S3 does it: keys in UTF-8 byte
 * order, keys sharing a prefix up to the delimiter folded into one `prefix` entry that counts
 * once against the page size, and a cursor naming the last entry emitted. Resuming skips every
 * key up to that entry (and, for a prefix entry, every key below it), so pages never overlap and
 * never leave gaps even when keys are added between pages.
 */

interface Cursor {
  /** The last key or prefix emitted. */
  after: string;
  /** True when `after` is a prefix entry: keys starting with it were folded into it. */
  folded: boolean;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.folded]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'boolean'
    )
      return { after: parsed[0], folded: parsed[1] };
  } catch {
    // Fall through: a cursor that does not parse is the caller's mistake, reported below.
  }
  throw invalidInput('The listing cursor is not one this storage returned');
}

/** UTF-8 byte order, which is S3's listing order (it differs from UTF-16 for astral chars). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export interface ListableObject {
  key: string;
  size: number;
  lastModified: string;
  etag: string | null;
  storageClass: string | null;
}

/** One page of `objects` (already sorted by `compareKeys`). */
export function listPage(
  objects: readonly ListableObject[],
  options: {
    prefix: string;
    delimiter: string | undefined;
    cursor: string | undefined;
    pageSize: number;
  },
): ObjectPage {
  const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const entries: ObjectEntry[] = [];
  let last: Cursor | undefined;
  for (const object of objects) {
    if (!object.key.startsWith(options.prefix)) continue;
    if (cursor !== undefined) {
      if (compareKeys(object.key, cursor.after) <= 0) continue;
      if (cursor.folded && object.key.startsWith(cursor.after)) continue;
    }
    if (last?.folded === true && object.key.startsWith(last.after)) continue;
    if (entries.length >= options.pageSize)
      return { entries, cursor: last ? encodeCursor(last) : null };
    const rest = object.key.slice(options.prefix.length);
    const cut = options.delimiter ? rest.indexOf(options.delimiter) : -1;
    if (options.delimiter && cut >= 0) {
      const prefix = options.prefix + rest.slice(0, cut + options.delimiter.length);
      entries.push({ kind: 'prefix', prefix });
      last = { after: prefix, folded: true };
    } else {
      const { key, size, lastModified, etag, storageClass } = object;
      entries.push({ kind: 'object', key, size, lastModified, etag, storageClass });
      last = { after: key, folded: false };
    }
  }
  return { entries, cursor: null };
}
