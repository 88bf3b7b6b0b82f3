import type { SandboxAccount } from './estate/account';
import type { FaultSpec } from './faults/fault-spec';
import type { SandboxStats } from './stats';
import type { SandboxCliConfig } from './cli-config';
import type { SandboxGcp } from './gcs/sandbox-gcp';
import type { SandboxAzure } from './azurite/sandbox-azure';
import type { SandboxAzureCompute } from './azure-arm/arm-server';

/** A running sandbox. */
export interface SandboxHandle {
  /** `http://127.0.0.1:<port>`: every AWS service at one endpoint. */
  url: string;
  /** Where S3 is served, path-style (`forcePathStyle: true`); the same endpoint as `url`. */
  s3Url: string;
  /** The same handler over TLS, with a certificate from the sandbox CA. */
  httpsUrl: string;
  caFile: string;
  caPem: string;
  accounts: readonly SandboxAccount[];
  /** Regions holding seeded instances (DescribeRegions lists more). */
  regions: readonly string[];
  /** Number of seeded instances across all accounts and regions. */
  instanceCount: number;
  /** Seeded EBS volumes (root, data and unattached) and Elastic IPs, as first seeded. */
  volumeCount: number;
  addressCount: number;
  /** Seeded ECS clusters, and the services ListServices returns in them, across the estate. */
  ecsClusterCount: number;
  ecsServiceCount: number;
  /** Seeded ECS tasks ListTasks returns, running and stopped, across the estate. */
  ecsTaskCount: number;
  /** Azure Blob (Azurite) with its storage accounts and keys; null unless `azure: true`. */
  azure: SandboxAzure | null;
  /** Azure compute: ARM, Azure Monitor and the Entra token endpoint over HTTPS; always running. */
  azureCompute: SandboxAzureCompute;
  /** Google Cloud Storage (JSON API) with its projects and their service-account key files. */
  gcp: SandboxGcp;
  stats(): SandboxStats;
  resetStats(): void;
  /** Replaces the fault spec; a string is parsed (throws FaultSpecError on a bad one). */
  setFaults(spec: string | FaultSpec): void;
  stop(): Promise<void>;
  cliConfig(): SandboxCliConfig;
}
