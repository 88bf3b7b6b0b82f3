import {
  CcxError,
  resourceSchema,
  type ProviderConnection,
  type Resource,
  type Scope,
} from '@ccx/core';
import type { SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToSandbox, listScopes, startTestSandbox } from './testing/sandbox-connection';
import type { AwsConfigInput } from './config';

const PER_REGION = 12;
const TRANSITION_MS = 40;

let sandbox: SandboxHandle;
const open: ProviderConnection[] = [];

async function connect(
  overrides: Partial<AwsConfigInput> = {},
  extraCaPem?: string,
): Promise<ProviderConnection> {
  const connection = await connectToSandbox(sandbox, overrides, extraCaPem);
  open.push(connection);
  return connection;
}

const listAll = (connection: ProviderConnection, scopes: Scope[]): Promise<Resource[]> =>
  listScopes(connection, scopes, 'ec2.instance');

beforeAll(async () => {
  sandbox = await startTestSandbox('test', {
    transitionMs: TRANSITION_MS,
    estate: { instancesPerRegion: PER_REGION },
  });
});

afterAll(async () => {
  for (const connection of open) await connection.close();
  await sandbox.stop();
});

describe('aws provider against the sandbox', () => {
  it('spans every account (roles assumed) × region as scopes', async () => {
    sandbox.resetStats();
    const connection = await connect();
    const scopes = await connection.scopes();
    expect(scopes).toHaveLength(sandbox.accounts.length * sandbox.regions.length);
    expect(new Set(scopes.map((s) => s.account))).toEqual(
      new Set(sandbox.accounts.map((a) => a.id)),
    );
    expect(new Set(scopes.map((s) => s.label))).toEqual(
      new Set(sandbox.accounts.map((a) => a.alias)),
    );
    const calls = sandbox.stats().byOperation;
    expect(calls['sts:AssumeRole']).toBe(sandbox.accounts.length - 1);
    expect(calls['sts:GetCallerIdentity']).toBe(sandbox.accounts.length);
    await connection.scopes();
    expect(sandbox.stats().byOperation['sts:GetCallerIdentity']).toBe(sandbox.accounts.length);
  });

  it('expands regions "all" with DescribeRegions', async () => {
    const connection = await connect({ regions: 'all' });
    const scopes = await connection.scopes();
    const regions = new Set(scopes.map((s) => s.region));
    for (const region of sandbox.regions) expect(regions.has(region)).toBe(true);
    expect(regions.size).toBeGreaterThan(sandbox.regions.length);
  });

  it('lists exactly the seeded instances, mapped to valid resources', async () => {
    const connection = await connect();
    const scopes = await connection.scopes();
    const resources = await listAll(connection, scopes);
    expect(resources).toHaveLength(sandbox.instanceCount);
    expect(sandbox.instanceCount).toBe(
      sandbox.accounts.length * sandbox.regions.length * PER_REGION,
    );
    expect(new Set(resources.map((r) => r.uid)).size).toBe(resources.length);
    for (const resource of resources) {
      expect(resourceSchema.parse(resource)).toEqual(resource);
      expect(resource.name).toBe(resource.tags.Name ?? null);
      expect(resource.createdAt).toBe(resource.attributes.launchTime);
      expect(Object.keys(resource.attributes).sort()).toEqual(
        [
          'architecture',
          'availabilityZone',
          'imageId',
          'instanceType',
          'launchTime',
          'platform',
          'privateIpAddress',
          'publicIpAddress',
          'stateReason',
          'subnetId',
          'vpcId',
          'volumeIds',
          'tenancy',
          'lifecycle',
        ].sort(),
      );
      expect(String(resource.attributes.availabilityZone)).toContain(resource.region);
    }
    for (const scope of scopes) {
      expect(
        resources.filter((r) => r.account === scope.account && r.region === scope.region),
      ).toHaveLength(PER_REGION);
    }
  });

  it('stops and starts an instance, and the listing follows', async () => {
    const connection = await connect();
    const scopes = await connection.scopes();
    const scope = scopes.at(-1)!;
    const running = (await listAll(connection, [scope])).find((r) => r.state === 'running')!;
    const stopped = await connection.compute!.stopInstance(running);
    expect(stopped).toMatchObject({ state: 'stopping', detail: { previousState: 'running' } });
    await new Promise((resolve) => setTimeout(resolve, TRANSITION_MS * 3));
    const afterStop = (await listAll(connection, [scope])).find((r) => r.uid === running.uid)!;
    expect(afterStop.state).toBe('stopped');
    await expect(connection.compute!.rebootInstance(running)).rejects.toMatchObject({
      code: 'conflict',
    });
    const started = await connection.compute!.startInstance(running);
    expect(started).toMatchObject({ state: 'pending', detail: { previousState: 'stopped' } });
    await new Promise((resolve) => setTimeout(resolve, TRANSITION_MS * 3));
    expect((await listAll(connection, [scope])).find((r) => r.uid === running.uid)!.state).toBe(
      'running',
    );
    await expect(connection.compute!.rebootInstance(running)).resolves.toMatchObject({
      state: null,
    });
  });

  it('maps SDK errors to domain errors, keeping the cause', async () => {
    const connection = await connect();
    const [scope] = await connection.scopes();
    const missing = {
      provider: 'aws' as const,
      account: scope!.account,
      region: scope!.region,
      type: 'ec2.instance',
      id: 'i-0123456789abcdef0',
    };
    const notFound = await connection
      .compute!.stopInstance(missing)
      .catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(CcxError);
    expect(notFound).toMatchObject({
      code: 'not_found',
      retryable: false,
      details: { awsCode: 'InvalidInstanceID.NotFound' },
    });
    expect((notFound as CcxError).cause).toBeInstanceOf(Error);
    await expect(
      connection.compute!.stopInstance({ ...missing, account: '000000000000' }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const badKey = await connect({
      credentials: { accessKeyId: sandbox.accounts[0]!.accessKeyId, secretAccessKey: 'wrong' },
    });
    await expect(badKey.scopes()).rejects.toMatchObject({ code: 'forbidden', retryable: false });

    const fragile = await connect({ maxAttempts: 1 });
    await fragile.scopes();
    sandbox.setFaults('ec2.throttle=1');
    try {
      await expect(listAll(fragile, [scope!])).rejects.toMatchObject({
        code: 'unavailable',
        retryable: true,
      });
      sandbox.setFaults('ec2.error=1');
      await expect(listAll(fragile, [scope!])).rejects.toMatchObject({
        code: 'unavailable',
        retryable: true,
      });
    } finally {
      sandbox.setFaults('');
    }
  });

  it('retries a throttled page inside the paginator instead of failing the listing', async () => {
    const connection = await connect({ maxAttempts: 4 });
    const scopes = await connection.scopes();
    // A count, not a rate: exactly three pages are refused whatever order the scopes' calls
    // reach the sandbox, and a page refused more often than the SDK's attempts is impossible.
    sandbox.setFaults('ec2.throttleNext=3');
    sandbox.resetStats();
    try {
      const resources = await listAll(connection, scopes);
      expect(resources).toHaveLength(sandbox.instanceCount);
      const stats = sandbox.stats();
      expect(stats.throttled).toBe(3);
      expect(stats.byOperation['ec2:DescribeInstances']).toBe(scopes.length + 3);
    } finally {
      sandbox.setFaults('');
    }
  });

  it('trusts the extra CA for an https endpoint, and only with it', async () => {
    const trusted = await connect({ endpoint: sandbox.httpsUrl }, sandbox.caPem);
    expect(await trusted.scopes()).toHaveLength(sandbox.accounts.length * sandbox.regions.length);
    const untrusted = await connect({ endpoint: sandbox.httpsUrl, maxAttempts: 1 });
    await expect(untrusted.scopes()).rejects.toBeInstanceOf(CcxError);
  });
});
