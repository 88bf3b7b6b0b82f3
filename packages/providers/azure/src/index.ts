export { azureProvider } from './provider';
export {
  azureConfigSchema,
  azureComputeSchema,
  azureStorageAccountSchema,
  storageAccountNameSchema,
  blobEndpointOf,
} from './config';
export type {
  AzureConfig,
  AzureConfigInput,
  AzureComputeConfig,
  AzureStorageAccountConfig,
} from './config';
export { fromAzureError } from './errors';
export { AZURE_CONTAINER, AZURE_VM, AZURE_DISK } from './inventory';
export { ACCESS_TIERS, type AccessTier } from './storage/tiers';
