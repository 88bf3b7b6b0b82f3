import { CcxError, type ObjectInfo, type ObjectVersion } from '@ccx/core';
import { resolveObject } from './resolve';
import type { StorageSession } from './session';

/** Every version of exactly this key (the provider lists by prefix; longer keys are dropped). */
export async function listObjectVersions(
  session: StorageSession,
  uri: string,
  connection?: string,
): Promise<ObjectVersion[]> {
  const { connection: holder, ref } = await resolveObject(session, uri, connection);
  const list = holder.storage.listVersions?.bind(holder.storage);
  if (list === undefined) throw noVersions(holder.name);
  const versions: ObjectVersion[] = [];
  for await (const version of list(ref, { prefix: ref.key })) {
    if (version.key === ref.key) versions.push(version);
  }
  return versions;
}

export async function restoreObjectVersion(
  session: StorageSession,
  uri: string,
  versionId: string,
  connection?: string,
): Promise<ObjectInfo> {
  const { connection: holder, ref } = await resolveObject(session, uri, connection);
  const restore = holder.storage.restoreVersion?.bind(holder.storage);
  if (restore === undefined) throw noVersions(holder.name);
  return restore({ ...ref, versionId });
}

function noVersions(connection: string): CcxError {
  return new CcxError('conflict', `Connection "${connection}" keeps no object versions`);
}
