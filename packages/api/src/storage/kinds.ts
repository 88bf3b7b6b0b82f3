/** Finding kinds the storage analysis writes; one set per bucket resource and kind. */
export const STORAGE_FINDING_KINDS = {
  posture: 'storage.posture',
  tiering: 'storage.tiering',
  classification: 'storage.classification',
} as const;
