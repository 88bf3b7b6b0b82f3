import { basename, join, resolve, sep } from 'node:path';
import { invalidInput } from '@ccx/core';

/**
 * A file name for an object key that is safe to create inside a directory: the key's last
 * segment, with path separators, control characters and characters Windows refuses replaced
 * by `_`, and `.`/`..`/empty names prefixed. Object keys are names chosen by whoever wrote
 * the bucket, so `../../etc/passwd` must land as `passwd` inside the target directory.
 */
export function safeFileName(key: string): string {
  const last =
    key
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f\\:*?"<>|]/g, '_').slice(0, 255);
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return `_${cleaned}`;
  return cleaned;
}

/** The path of `name` inside `directory`, refusing anything that would land outside it. */
export function inside(directory: string, name: string): string {
  const root = resolve(directory);
  const path = resolve(join(root, name));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw invalidInput(`Refusing to write outside ${directory}`);
  }
  return path;
}

/** The key an upload of a local file gets under a target prefix (`s3://b/dir/` → `dir/file`). */
export function keyUnder(prefix: string, localPath: string): string {
  return `${prefix}${basename(localPath)}`;
}
