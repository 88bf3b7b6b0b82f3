import { resolve } from 'node:path';
import { isStorageUri } from '@ccx/core';

/** A command argument: a cloud URI, a local path, or `-` (stdin as a source, stdout as a target). */
export type Location =
  | { kind: 'cloud'; uri: string }
  | { kind: 'local'; path: string; directory: boolean }
  | { kind: 'stdio' };

/**
 * Classifies an argument. A local path ending in a separator names a directory, like a cloud
 * URI ending in `/` names a prefix; whether an existing path is a directory is checked later.
 */
export function locationOf(argument: string, cwd: string): Location {
  if (argument === '-') return { kind: 'stdio' };
  if (isStorageUri(argument)) return { kind: 'cloud', uri: argument };
  return {
    kind: 'local',
    path: resolve(cwd, argument),
    directory: argument.endsWith('/') || argument.endsWith('\\'),
  };
}

/** True when a key names a prefix (or a bucket root) rather than one object. */
export function isPrefixKey(key: string): boolean {
  return key === '' || key.endsWith('/');
}

/** The last segment of a key, as the name of an object copied under a prefix. */
export function lastSegment(key: string): string {
  return (
    key
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? key
  );
}
