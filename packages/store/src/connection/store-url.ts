import { invalidInput } from '@ccx/core';

export type StoreTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

/**
 * Reads a store URL. `postgres://` and `postgresql://` are PostgreSQL; everything else is an
 * SQLite file: a plain path, `sqlite:path` (also `sqlite://path`, so `sqlite:///abs/x.db` is
 * the absolute path), or `:memory:`.
 */
export function parseStoreUrl(url: string): StoreTarget {
  const trimmed = url.trim();
  if (trimmed === '') throw invalidInput('The store URL is empty');
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: 'postgres', url: trimmed };
  let path = trimmed;
  if (/^sqlite:/i.test(path)) {
    path = path.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
  }
  if (path === '') throw invalidInput('The store URL names no SQLite file', { url });
  return { kind: 'sqlite', path };
}
