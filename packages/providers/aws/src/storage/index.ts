export { s3Storage } from './s3-storage';
export { S3_BUCKET, listBucketResources } from './bucket-inventory';
export { BucketRegions } from './bucket-regions';
export type { S3Context } from './s3-context';
export { S3_STORAGE_CLASSES } from './s3-constants';
