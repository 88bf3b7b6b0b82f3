import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import type { SandboxAccount } from './estate/account';

export const DEFAULT_CONFIG_FILE = '.ccx/sandbox.yaml';
export const SANDBOX_CONNECTION_NAME = 'sandbox-aws';

/** The `ccx.yaml` the sandbox writes: one AWS connection at the sandbox endpoint. */
export interface SandboxCliConfig {
  sandbox: true;
  connections: {
    name: string;
    provider: 'aws';
    sandbox: true;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    regions: string[];
    accounts: ({ alias: string } | { roleArn: string; alias: string })[];
  }[];
  tls: { extraCaFile: string };
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
    `# Written by the ccx sandbox: a local, simulated AWS estate.\n${stringify(handle.cliConfig())}`,
    { mode: 0o600 },
  );
  return file;
}
