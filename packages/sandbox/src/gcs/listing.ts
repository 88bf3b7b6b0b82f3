import { gcsErrors } from './gcs-error';
import type { GcsBucket, GcsObject } from './model';

/** Where the next page resumes: after this name (and generation), or after a whole prefix. */
interface Cursor {
  name: string;
  generation?: string;
  prefix?: string;
}

export interface ListOptions {
  prefix: string;
  delimiter: string;
  versions: boolean;
  maxResults: number;
  pageToken: string | null;
}

export interface ListResult {
  items: GcsObject[];
  prefixes: string[];
  nextPageToken: string | null;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.name !== 'string') throw new Error('no name');
    return value as Cursor;
  } catch {
    throw gcsErrors.invalid('Invalid page token.');
  }
}

function isAfter(generation: string, cursor: string | undefined): boolean {
  return cursor === undefined || BigInt(generation) > BigInt(cursor);
}

/**
 * One page of `objects.list`: names in lexicographic order, with `delimiter` folding everything
 * below it into one prefix, each prefix and each object (or generation, with `versions`)
 * counting once towards `maxResults`. The page token is an opaque cursor, so pages stay
 * consistent while objects are added or removed between calls.
 */
export function listObjects(bucket: GcsBucket, options: ListOptions): ListResult {
  const cursor = options.pageToken === null ? null : decodeCursor(options.pageToken);
  const names = [...bucket.objects.keys()].filter((name) => name.startsWith(options.prefix)).sort();
  const items: GcsObject[] = [];
  const prefixes: string[] = [];
  let last = null as Cursor | null;
  let count = 0;
  const visible = (name: string) => {
    const generations = bucket.objects.get(name) ?? [];
    return options.versions ? generations : generations.filter((g) => g.timeDeleted === null);
  };
  outer: for (const name of names) {
    if (cursor) {
      if (cursor.prefix !== undefined && name.startsWith(cursor.prefix)) continue;
      if (name < cursor.name) continue;
      if (name === cursor.name && cursor.generation === undefined) continue;
    }
    const generations = visible(name);
    if (generations.length === 0) continue;
    if (options.delimiter !== '') {
      const index = name.indexOf(options.delimiter, options.prefix.length);
      if (index !== -1) {
        const prefix = name.slice(0, index + options.delimiter.length);
        if (last?.prefix === prefix) continue;
        if (count === options.maxResults) break;
        prefixes.push(prefix);
        count++;
        last = { name, prefix };
        continue;
      }
    }
    for (const generation of generations) {
      if (name === cursor?.name && !isAfter(generation.generation, cursor.generation)) continue;
      if (count === options.maxResults) break outer;
      items.push(generation);
      count++;
      last = { name, generation: generation.generation };
    }
  }
  const more =
    last !== null &&
    count === options.maxResults &&
    hasMore(names, last, visible, options.delimiter, options.prefix);
  return { items, prefixes, nextPageToken: more && last ? encodeCursor(last) : null };
}

/** Whether anything visible follows `last`, so the final page carries no token. */
function hasMore(
  names: string[],
  last: Cursor,
  visible: (name: string) => GcsObject[],
  delimiter: string,
  prefix: string,
): boolean {
  for (const name of names) {
    if (name < last.name) continue;
    if (last.prefix !== undefined && name.startsWith(last.prefix)) continue;
    const generations = visible(name);
    if (name === last.name) {
      if (last.prefix !== undefined) continue;
      if (generations.some((g) => isAfter(g.generation, last.generation))) {
        if (delimiter === '' || name.indexOf(delimiter, prefix.length) === -1) return true;
      }
      continue;
    }
    if (generations.length > 0) return true;
  }
  return false;
}
