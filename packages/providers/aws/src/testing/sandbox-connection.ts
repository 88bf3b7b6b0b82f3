import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger, ProviderConnection, Resource, Scope } from '@ccx/core';
import { startSandbox, type SandboxHandle, type SandboxOptionsInput } from '@ccx/sandbox';
import type { AwsConfigInput } from '../config';
import { awsProvider } from '../provider';

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** A sandbox keeping its state in a fresh temporary folder named after `label`. */
export function startTestSandbox(
  label: string,
  options: Omit<SandboxOptionsInput, 'stateDir'> = {},
): Promise<SandboxHandle> {
  return startSandbox({ stateDir: mkdtempSync(join(tmpdir(), `ccx-aws-${label}-`)), ...options });
}

/**
 * The AWS provider connected to a sandbox with the connection entry the sandbox's own config
 * holds, changed by `overrides`; `extraCaPem` is trusted besides the system's authorities.
 */
export async function connectToSandbox(
  sandbox: SandboxHandle,
  overrides: Partial<AwsConfigInput> = {},
  extraCaPem?: string,
): Promise<ProviderConnection> {
  const config = awsProvider.configSchema.parse({
    ...sandbox.cliConfig().connections[0],
    ...overrides,
  });
  return awsProvider.connect('sandbox-aws', config, { logger: silentLogger, extraCaPem });
}

/** Every resource of `type` the connection's inventory lists in `scopes`, in order. */
export async function listScopes(
  connection: ProviderConnection,
  scopes: readonly Scope[],
  type: string,
): Promise<Resource[]> {
  const resources: Resource[] = [];
  for (const scope of scopes)
    for await (const resource of connection.inventory!.list(scope, type)) resources.push(resource);
  return resources;
}
