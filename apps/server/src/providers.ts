import { CcxError, type Logger, type ProviderConnection } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { azureProvider } from '@ccx/provider-azure';
import { gcpProvider } from '@ccx/provider-gcp';
import type { ConnectionConfig } from './config/schema';

/**
 * Connects every configured connection. Connections are independent, so they connect in
 * parallel; if any fails, the ones that succeeded are closed again and the first failure is
 * thrown with the connection's name, since a server with a silently missing account would
 * report an estate smaller than the real one.
 */
export async function connectProviders(
  entries: readonly ConnectionConfig[],
  ctx: { logger: Logger; extraCaPem?: string },
): Promise<Map<string, ProviderConnection>> {
  const settled = await Promise.allSettled(entries.map((entry) => connectOne(entry, ctx)));
  const connected = settled.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await closeConnections(connected);
    throw failure.reason;
  }
  return new Map(connected.map((connection) => [connection.name, connection]));
}

async function connectOne(
  entry: ConnectionConfig,
  ctx: { logger: Logger; extraCaPem?: string },
): Promise<ProviderConnection> {
  const { name } = entry;
  try {
    return await connectEntry(entry, ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CcxError(
      'provider_error',
      `Connection "${name}" (${entry.provider}) failed to connect: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/** Closes every connection, then rethrows the first close error (after trying them all). */
export async function closeConnections(connections: Iterable<ProviderConnection>): Promise<void> {
  const results = await Promise.allSettled(
    [...connections].map((connection) => connection.close()),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}

/**
 * Provider schemas are strict about their own keys: the connection's `name` and `provider`
 * belong to the config file, so they are taken off before the provider sees its settings.
 */
function connectEntry(
  entry: ConnectionConfig,
  ctx: { logger: Logger; extraCaPem?: string },
): Promise<ProviderConnection> {
  switch (entry.provider) {
    case 'aws': {
      const { name, provider: _provider, ...settings } = entry;
      return awsProvider.connect(name, { ...settings, sandbox: settings.sandbox ?? false }, ctx);
    }
    case 'gcp': {
      const { name, provider: _provider, ...settings } = entry;
      return gcpProvider.connect(name, { ...settings, sandbox: settings.sandbox ?? false }, ctx);
    }
    case 'azure': {
      const { name, provider: _provider, ...settings } = entry;
      return azureProvider.connect(name, { ...settings, sandbox: settings.sandbox ?? false }, ctx);
    }
    default:
      return unreachable(entry);
  }
}

function unreachable(entry: never): never {
  throw new CcxError('invalid_input', `Unknown provider in ${JSON.stringify(entry)}`);
}
