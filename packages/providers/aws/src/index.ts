export { awsProvider } from './provider';
export { awsConfigSchema, awsAccountSchema } from './config';
export type { AwsConfig, AwsConfigInput, AwsAccountConfig } from './config';
export { fromAwsError } from './errors';
export { EC2_INSTANCE, mapInstance } from './map-instance';
export { s3Storage, S3_BUCKET, S3_STORAGE_CLASSES } from './storage';
