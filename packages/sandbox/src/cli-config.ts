import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { azureCliConnection, type SandboxAzureConnection } from './azurite/cli-connection';
import type { SandboxAzure } from './azurite/sandbox-azure';
import type { SandboxAzureCompute } from './azure-arm/arm-server';
import type { SandboxAccount } from './estate/account';
import type { SandboxGcp } from './gcs/sandbox-gcp';

export const DEFAULT_CONFIG_FILE = '.ccx/sandbox.yaml';
export const SANDBOX_CONNECTION_NAME = 'sandbox-aws';
export const SANDBOX_GCP_CONNECTION_NAME = 'sandbox-gcp';

export interface SandboxAwsConnection {
  name: string;
  provider: 'aws';
  sandbox: true;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  regions: string[];
  accounts: ({ alias: string } | { roleArn: string; alias: string })[];
}

export interface SandboxGcpConnection {
  name: string;
  provider: 'gcp';
  sandbox: true;
  apiEndpoint: string;
  projects: SandboxGcp['projects'];
}

/**
 * The `ccx.yaml` the sandbox writes: the AWS connection first (EC2, STS and S3 at the sandbox
 * endpoint), then GCS, then Azure: compute always, Blob when Azurite runs.
 */
export interface SandboxCliConfig {
  sandbox: true;
  connections: [SandboxAwsConnection, ...(SandboxGcpConnection | SandboxAzureConnection)[]];
  tls: { extraCaFile: string };
}

/** What the config needs of the other clouds the sandbox serves. */
export interface SandboxClouds {
  gcp?: SandboxGcp;
  azure?: SandboxAzure | null;
  azureCompute?: SandboxAzureCompute | null;
}

/**
 * The config for the sandbox: the first account's key signs every call; that account is read
 * directly (no role), the others through their `ccx-read` role — the hub-and-spoke layout a real
 * organisation uses, so the product exercises AssumeRole against the sandbox too.
 */
export function buildCliConfig(
  url: string,
  caFile: string,
  accounts: readonly SandboxAccount[],
  regions: readonly string[],
  clouds: SandboxClouds = {},
): SandboxCliConfig {
  const [hub, ...others] = accounts;
  if (!hub) throw new Error('The sandbox estate has no account.');
  return {
    sandbox: true,
    connections: [
      {
        name: SANDBOX_CONNECTION_NAME,
        provider: 'aws',
        sandbox: true,
        endpoint: url,
        credentials: { accessKeyId: hub.accessKeyId, secretAccessKey: hub.secretAccessKey },
        regions: [...regions],
        accounts: [
          { alias: hub.alias },
          ...others.map((account) => ({ roleArn: account.roleArn, alias: account.alias })),
        ],
      },
      ...(clouds.gcp
        ? [
            {
              name: SANDBOX_GCP_CONNECTION_NAME,
              provider: 'gcp' as const,
              sandbox: true as const,
              apiEndpoint: clouds.gcp.url,
              projects: clouds.gcp.projects.map((project) => ({
                id: project.id,
                credentials: { ...project.credentials },
              })),
            },
          ]
        : []),
      ...(clouds.azure || clouds.azureCompute
        ? [azureCliConnection(clouds.azure ?? null, clouds.azureCompute ?? null)]
        : []),
    ],
    tls: { extraCaFile: caFile },
  };
}

/** Writes the handle's config as YAML (creating the folder), returns the file written. */
export async function writeSandboxConfig(
  handle: { cliConfig(): SandboxCliConfig },
  file: string = DEFAULT_CONFIG_FILE,
): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    `# Written by the ccx sandbox: a local, simulated AWS, GCP and Azure estate.\n${stringify(handle.cliConfig())}`,
    { mode: 0o600 },
  );
  return file;
}
