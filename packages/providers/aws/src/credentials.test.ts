import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderConnection, Resource, Scope } from '@ccx/core';
import {
  EXTERNAL_ID_ROLE_NAME,
  SANDBOX_EXTERNAL_ID,
  roleArnFor,
  startSandbox,
  type SandboxHandle,
} from '@ccx/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwsConfigInput } from './config';
import { awsProvider } from './provider';
import { useAwsEnv, writeAwsFiles } from './testing/aws-env';

/**
 * The credential paths other than static keys — named profiles, the default chain, roles with
 * an external id, refresh before expiry — against the sandbox, with real config files and the
 * SDK's own providers. Nothing is mocked.
 */
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let sandbox: SandboxHandle;
let restoreEnv: (() => void) | null = null;
const open: ProviderConnection[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-aws-cred-test-')),
    estate: { instancesPerRegion: 6 },
  });
});
afterEach(async () => {
  for (const connection of open.splice(0)) await connection.close();
  restoreEnv?.();
  restoreEnv = null;
});
afterAll(async () => {
  await sandbox.stop();
});

async function connect(config: AwsConfigInput, to = sandbox): Promise<ProviderConnection> {
  const parsed = awsProvider.configSchema.parse({
    regions: [...to.regions.slice(0, 2)],
    endpoint: to.url,
    ...config,
  });
  const connection = await awsProvider.connect('creds', parsed, { logger: silent });
  open.push(connection);
  return connection;
}

async function countInstances(connection: ProviderConnection, scope: Scope): Promise<number> {
  const found: Resource[] = [];
  for await (const r of connection.inventory!.list(scope, 'ec2.instance')) found.push(r);
  return found.length;
}

const hub = () => sandbox.accounts[0]!;
const other = (n: number) => sandbox.accounts[n]!;

/** A hub profile with the first account's keys, and role profiles that chain from it. */
function profileFiles(): { configFile: string; credentialsFile: string } {
  return writeAwsFiles(
    [
      '[profile hub]',
      'region = us-east-1',
      '[profile staging]',
      `role_arn = ${roleArnFor(other(1).id, EXTERNAL_ID_ROLE_NAME)}`,
      'source_profile = hub',
      `external_id = ${SANDBOX_EXTERNAL_ID}`,
      '[profile wrong-external-id]',
      `role_arn = ${roleArnFor(other(2).id, EXTERNAL_ID_ROLE_NAME)}`,
      'source_profile = hub',
      'external_id = somebody-else',
      '',
    ].join('\n'),
    [
      '[hub]',
      `aws_access_key_id = ${hub().accessKeyId}`,
      `aws_secret_access_key = ${hub().secretAccessKey}`,
      '',
    ].join('\n'),
  );
}

describe('named profiles (fromIni)', () => {
  it('reads keys from the credentials file and assumes a profile role with its external id, through the configured endpoint', async () => {
    const files = profileFiles();
    restoreEnv = useAwsEnv({
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    });
    sandbox.resetStats();
    const connection = await connect({
      accounts: [{ profile: 'hub', alias: 'hub' }, { profile: 'staging' }],
    });
    const scopes = await connection.scopes();
    expect(new Set(scopes.map((s) => s.account))).toEqual(new Set([hub().id, other(1).id]));
    expect(scopes.find((s) => s.account === other(1).id)!.label).toBe(other(1).id);
    expect(
      await countInstances(
        connection,
        scopes.find((s) => s.account === other(1).id)!,
      ),
    ).toBe(6);
    expect(sandbox.stats().byOperation['sts:AssumeRole']).toBe(1);
  });

  it('refuses a profile whose external id the role does not accept, and a profile that does not exist', async () => {
    const files = profileFiles();
    restoreEnv = useAwsEnv({
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    });
    const wrong = await connect({ accounts: [{ profile: 'wrong-external-id' }] });
    await expect(wrong.scopes()).rejects.toMatchObject({ code: 'forbidden', retryable: false });
    const missing = await connect({ accounts: [{ profile: 'no-such-profile' }] });
    await expect(missing.scopes()).rejects.toMatchObject({ code: 'forbidden', retryable: false });
  });
});

describe('the default credential chain', () => {
  it('takes keys from the environment', async () => {
    restoreEnv = useAwsEnv({
      AWS_ACCESS_KEY_ID: other(2).accessKeyId,
      AWS_SECRET_ACCESS_KEY: other(2).secretAccessKey,
    });
    const scopes = await (await connect({})).scopes();
    expect(scopes.map((s) => s.account)).toEqual([other(2).id, other(2).id]);
  });

  it('takes AWS_PROFILE, role profiles included, and assumes roles from it', async () => {
    const files = profileFiles();
    restoreEnv = useAwsEnv({
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      AWS_PROFILE: 'staging',
    });
    const connection = await connect({ regions: ['us-east-1'] });
    expect((await connection.scopes()).map((s) => s.account)).toEqual([other(1).id]);
  });

  it('fails as forbidden, not as a crash or a hang, when the chain finds nothing', async () => {
    restoreEnv = useAwsEnv({
      AWS_CONFIG_FILE: join(tmpdir(), 'ccx-no-such-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'ccx-no-such-aws-credentials'),
    });
    const connection = await connect({});
    await expect(connection.scopes()).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('roles from the config', () => {
  const keys = () => ({ accessKeyId: hub().accessKeyId, secretAccessKey: hub().secretAccessKey });

  it('sends the external id a role requires, and is refused without it or with another', async () => {
    const roleArn = roleArnFor(other(1).id, EXTERNAL_ID_ROLE_NAME);
    const right = await connect({
      credentials: keys(),
      accounts: [{ roleArn, externalId: SANDBOX_EXTERNAL_ID }],
    });
    expect((await right.scopes()).map((s) => s.account)).toEqual([other(1).id, other(1).id]);
    const none = await connect({ credentials: keys(), accounts: [{ roleArn }] });
    await expect(none.scopes()).rejects.toMatchObject({
      code: 'forbidden',
      details: { awsCode: 'AccessDenied', httpStatus: 403 },
    });
    const wrong = await connect({
      credentials: keys(),
      accounts: [{ roleArn, externalId: 'somebody-else' }],
    });
    await expect(wrong.scopes()).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refreshes role credentials that are near expiry, and reuses them otherwise', async () => {
    const roleArn = other(1).roleArn;
    const fresh = await connect({ credentials: keys(), accounts: [{ roleArn }] });
    sandbox.resetStats();
    const [scope] = await fresh.scopes();
    await countInstances(fresh, scope!);
    await countInstances(fresh, scope!);
    expect(sandbox.stats().byOperation['sts:AssumeRole']).toBe(1);

    // A sandbox whose clock runs 56 minutes behind issues one-hour credentials that expire four
    // minutes from now by our clock: inside the SDK's five-minute refresh window. Its Date
    // header also makes the SDK correct its signing clock, as against a skewed server.
    const behind = await startSandbox({
      stateDir: mkdtempSync(join(tmpdir(), 'ccx-aws-skew-test-')),
      estate: { instancesPerRegion: 6 },
      now: () => Date.now() - 56 * 60_000,
    });
    try {
      const first = behind.accounts[0]!;
      const near = await connect(
        {
          credentials: { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey },
          accounts: [{ roleArn: behind.accounts[1]!.roleArn }],
        },
        behind,
      );
      const [nearScope] = await near.scopes();
      expect(await countInstances(near, nearScope!)).toBe(6);
      const before = behind.stats().byOperation['sts:AssumeRole'] ?? 0;
      expect(await countInstances(near, nearScope!)).toBe(6);
      expect(behind.stats().byOperation['sts:AssumeRole']).toBeGreaterThan(before);
    } finally {
      await behind.stop();
    }
  });
});

describe('close()', () => {
  it('releases every client and socket, those of assumed roles and profiles included', async () => {
    const files = profileFiles();
    restoreEnv = useAwsEnv({
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    });
    // Every client socket opened while the connection works, whoever opened it.
    const opened: Socket[] = [];
    const track = (message: unknown) => opened.push((message as { socket: Socket }).socket);
    subscribe('net.client.socket', track);
    try {
      const connection = await awsProvider.connect(
        'closing',
        awsProvider.configSchema.parse({
          regions: [...sandbox.regions],
          endpoint: sandbox.url,
          accounts: [{ profile: 'hub' }, { profile: 'staging' }],
        }),
        { logger: silent },
      );
      for (const scope of await connection.scopes()) await countInstances(connection, scope);
      expect(opened.length).toBeGreaterThan(0);
      expect(opened.some((socket) => !socket.destroyed)).toBe(true);
      await connection.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(opened.filter((socket) => !socket.destroyed)).toEqual([]);
    } finally {
      unsubscribe('net.client.socket', track);
    }
  });
});
