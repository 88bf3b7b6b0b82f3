import type { Logger, ProviderConnection, Resource, Scope } from '@ccx/core';
import type { SandboxHandle } from '@ccx/sandbox';
import type { AwsConfigInput } from '../config';
import { awsProvider } from '../provider';

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

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
