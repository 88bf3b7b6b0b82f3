export { gcpProvider } from './provider';
export { gcpConfigSchema, type GcpConfig, type GcpConfigInput } from './config';
export { fromGcsError } from './errors';
export { GCS_STORAGE_CLASSES } from './storage';
export { GCS_BUCKET } from './inventory';
