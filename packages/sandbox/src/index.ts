export { startSandbox } from './start-sandbox';
export type { SandboxHandle } from './handle';
export {
  sandboxOptionsSchema,
  DEFAULT_STATE_DIR,
  type SandboxOptions,
  type SandboxOptionsInput,
} from './options';
export {
  buildCliConfig,
  writeSandboxConfig,
  DEFAULT_CONFIG_FILE,
  SANDBOX_CONNECTION_NAME,
  type SandboxCliConfig,
} from './cli-config';
export {
  ensureSandboxCa,
  ensureSandboxTls,
  type SandboxCa,
  type SandboxTls,
} from './tls/certificates';
export {
  parseFaultSpec,
  formatFaultSpec,
  FaultSpecError,
  NO_FAULTS,
  type FaultSpec,
  type FaultRates,
} from './faults/fault-spec';
export type { SandboxStats } from './stats';
export type { SandboxAccount } from './estate/account';
export {
  READ_ROLE_NAME,
  EXTERNAL_ID_ROLE_NAME,
  SANDBOX_EXTERNAL_ID,
  roleArnFor,
} from './estate/account';
export { KNOWN_REGIONS, NOT_OPTED_IN_REGIONS, DEFAULT_ESTATE_REGIONS } from './estate/regions';
export {
  startSandboxDaemon,
  stopSandboxDaemon,
  type SandboxDaemonOptions,
  type SandboxDaemonInfo,
  type StopResult,
} from './daemon/daemon';
export { runningSandboxDaemon } from './daemon/daemon-files';
export { parseSigV4, verifySigV4, type SigV4Claim, type WireRequest } from './sigv4/index';
export { seedStorage } from './storage-seed/seed-storage';
export type {
  SeedBucket,
  SeedObject,
  PlantedValue,
  StorageSeed,
  StorageSeedOptions,
} from './storage-seed/types';
export { startAzurite, type AzuriteHandle, type AzuriteOptions } from './azurite/launch-azurite';
export { sandboxAzureAccounts, type AzuriteAccount } from './azurite/accounts';
export type { SandboxAzure } from './azurite/sandbox-azure';
export {
  azureCliConnection,
  SANDBOX_AZURE_CONNECTION_NAME,
  type SandboxAzureConnection,
  type SandboxAzureComputeConfig,
} from './azurite/cli-connection';
export type { SandboxAzureCompute } from './azure-arm/arm-server';
