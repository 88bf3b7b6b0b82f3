import type { Role } from '../model/action';

/**
 * Operations on buckets and objects, as data: the role each needs and whether it changes the
 * estate. The API guards its storage routes with this table and the audit log names entries
 * by these keys. Downloads and presigned URLs do not change anything but hand data out, so
 * they are audited too; a presigned URL is a bearer credential, hence operator.
 */
export const STORAGE_ACTIONS = {
  'storage.list': { role: 'viewer', mutates: false, audited: false },
  'storage.download': { role: 'viewer', mutates: false, audited: true },
  'storage.upload': { role: 'operator', mutates: true, audited: true },
  'storage.copy': { role: 'operator', mutates: true, audited: true },
  'storage.move': { role: 'operator', mutates: true, audited: true },
  'storage.delete': { role: 'operator', mutates: true, audited: true },
  'storage.presign': { role: 'operator', mutates: false, audited: true },
  'storage.class': { role: 'operator', mutates: true, audited: true },
  'storage.versioning': { role: 'admin', mutates: true, audited: true },
  'storage.restore': { role: 'operator', mutates: true, audited: true },
  'storage.scan': { role: 'operator', mutates: false, audited: true },
} as const satisfies Record<string, { role: Role; mutates: boolean; audited: boolean }>;

export type StorageActionName = keyof typeof STORAGE_ACTIONS;

/** Resource types of buckets in the inventory, one per provider. */
export const BUCKET_TYPES = {
  aws: 's3.bucket',
  gcp: 'gcs.bucket',
  azure: 'azure.container',
} as const;
