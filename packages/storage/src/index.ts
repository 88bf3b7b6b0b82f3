export {
  storageConnections,
  isStorageRoot,
  type StorageCatalog,
  type StorageConnection,
  type StorageRoot,
  type StorageTarget,
} from './catalog';
export { transferObject, type TransferOptions } from './transfer';
export { scanObjects, SCAN_DEFAULTS, type ObjectScan, type ScanOptions } from './scan';
export {
  bucketStatistics,
  AGE_BANDS,
  type AgeBand,
  type AgeBucket,
  type BucketStatistics,
  type ClassStatistics,
} from './statistics';
