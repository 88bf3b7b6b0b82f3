export { azureProvider } from './provider';
export {
  azureConfigSchema,
  azureStorageAccountSchema,
  storageAccountNameSchema,
  blobEndpointOf,
} from './config';
export type { AzureConfig, AzureConfigInput, AzureStorageAccountConfig } from './config';
export { fromAzureError } from './errors';
export { AZURE_CONTAINER } from './inventory';
export { ACCESS_TIERS, type AccessTier } from './storage/tiers';
