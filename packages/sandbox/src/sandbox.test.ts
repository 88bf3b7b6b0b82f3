import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { DescribeInstancesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { isThrottlingError } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';

type SdkError = Parameters<typeof isThrottlingError>[0];
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeSandboxConfig } from './cli-config';
import type { SandboxHandle } from './handle';
import { startSandbox } from './start-sandbox';
import { ec2For, stsFor } from './testing/sdk-clients';
import { tempStateDir } from './testing/temp-dir';
import { ensureSandboxCa } from './tls/certificates';

const stateDir = tempStateDir('handle');
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ stateDir });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.setFaults('');
  sandbox.resetStats();
});

describe('sandbox faults', () => {
  it('throttle=1 gives the SDK a throttling error it classifies as such (EC2 and STS)', async () => {
    sandbox.setFaults('throttle=1');
    const ec2Error: unknown = await ec2For(sandbox, sandbox.accounts[0]!)
      .send(new DescribeInstancesCommand({}))
      .catch((error: unknown) => error);
    expect(ec2Error).toMatchObject({
      name: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 },
    });
    expect(isThrottlingError(ec2Error as SdkError)).toBe(true);
    const stsError: unknown = await stsFor(sandbox, sandbox.accounts[0]!)
      .send(new GetCallerIdentityCommand({}))
      .catch((error: unknown) => error);
    expect(stsError).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    expect(isThrottlingError(stsError as SdkError)).toBe(true);
    expect(sandbox.stats()).toMatchObject({ total: 2, throttled: 2, failed: 2 });
  });

  it('per-service rates apply only to that service; error=1 gives 500s and 503s', async () => {
    sandbox.setFaults('ec2.error=1');
    const sts = stsFor(sandbox, sandbox.accounts[0]!);
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: sandbox.accounts[0]!.id,
    });
    const ec2 = ec2For(sandbox, sandbox.accounts[0]!);
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const error = (await ec2.send(new DescribeRegionsCommand({})).catch((e: unknown) => e)) as {
        name: string;
        $metadata: { httpStatusCode: number };
      };
      expect(['InternalError', 'ServiceUnavailable']).toContain(error.name);
      statuses.add(error.$metadata.httpStatusCode);
    }
    expect([...statuses].sort()).toEqual([500, 503]);
    expect(sandbox.stats().faulted).toBe(12);
  });

  it('adds the configured latency to every request', async () => {
    const sts = stsFor(sandbox, sandbox.accounts[0]!);
    await sts.send(new GetCallerIdentityCommand({}));
    sandbox.setFaults('latency=150');
    const started = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('sets faults over HTTP and refuses a bad spec with a clear message', async () => {
    const bad = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'PUT',
      body: 'throttle=2',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string };
    expect(body.error).toContain("'throttle=2'");
    const good = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'PUT',
      body: 'latency=5,sts.throttle=0.5',
    });
    expect(await good.json()).toEqual({ faults: 'latency=5,sts.throttle=0.5' });
  });
});

describe('sandbox counters and control endpoints', () => {
  it('counts requests per service:Operation and serves them at /_sandbox/stats', async () => {
    const ec2 = ec2For(sandbox, sandbox.accounts[0]!);
    await ec2.send(new DescribeInstancesCommand({}));
    await ec2.send(new DescribeInstancesCommand({}));
    await stsFor(sandbox, sandbox.accounts[1]!).send(new GetCallerIdentityCommand({}));
    const expected = {
      total: 3,
      byOperation: { 'ec2:DescribeInstances': 2, 'sts:GetCallerIdentity': 1 },
      failed: 0,
    };
    expect(sandbox.stats()).toMatchObject(expected);
    const response = await fetch(`${sandbox.url}/_sandbox/stats`);
    expect(await response.json()).toMatchObject(expected);
    sandbox.resetStats();
    expect(sandbox.stats()).toMatchObject({ total: 0, byOperation: {} });
  });

  it('reports health', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/health`);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      sandbox: true,
      accounts: 3,
      instances: sandbox.instanceCount,
      pid: process.pid,
    });
  });
});

describe('sandbox over HTTPS', () => {
  it('serves the SDK over TLS when it trusts the sandbox CA', async () => {
    const handler = new NodeHttpHandler({ httpsAgent: new Agent({ ca: sandbox.caPem }) });
    const ec2 = ec2For(sandbox, sandbox.accounts[0]!, 'us-east-1', {
      endpoint: sandbox.httpsUrl,
      requestHandler: handler,
    });
    const out = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(out.Reservations!.length).toBeGreaterThan(0);
    const untrusted = ec2For(sandbox, sandbox.accounts[0]!, 'us-east-1', {
      endpoint: sandbox.httpsUrl,
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: [] }) }),
    });
    await expect(untrusted.send(new DescribeInstancesCommand({ MaxResults: 5 }))).rejects.toThrow();
  });

  it('keeps the CA in the state folder and reuses it', async () => {
    const again = await ensureSandboxCa(stateDir);
    expect(again).toEqual({ caFile: join(stateDir, 'ca.pem'), caPem: sandbox.caPem });
    expect(await readFile(again.caFile, 'utf8')).toBe(sandbox.caPem);
  });
});

describe('sandbox ccx config', () => {
  it('describes the AWS connection (first account directly, the others by role), then GCS, then Azure compute', async () => {
    const config = sandbox.cliConfig();
    const [hub, ...others] = sandbox.accounts;
    expect(config).toEqual({
      sandbox: true,
      connections: [
        {
          name: 'sandbox-aws',
          provider: 'aws',
          sandbox: true,
          endpoint: sandbox.url,
          credentials: { accessKeyId: hub!.accessKeyId, secretAccessKey: hub!.secretAccessKey },
          regions: [...sandbox.regions],
          accounts: [
            { alias: 'prod' },
            ...others.map((a) => ({ roleArn: a.roleArn, alias: a.alias })),
          ],
        },
        {
          name: 'sandbox-gcp',
          provider: 'gcp',
          sandbox: true,
          apiEndpoint: sandbox.gcp.url,
          projects: sandbox.gcp.projects.map((project) => ({
            id: project.id,
            credentials: project.credentials,
          })),
        },
        {
          name: 'sandbox-azure',
          provider: 'azure',
          sandbox: true,
          compute: {
            tenantId: sandbox.azureCompute.tenantId,
            clientId: sandbox.azureCompute.clientId,
            clientSecret: sandbox.azureCompute.clientSecret,
            authorityHost: sandbox.azureCompute.authorityHost,
            resourceManagerEndpoint: sandbox.azureCompute.armUrl,
            subscriptions: sandbox.azureCompute.subscriptions.map((s) => s.id),
          },
        },
      ],
      tls: { extraCaFile: sandbox.caFile },
    });
    const file = await writeSandboxConfig(sandbox, join(stateDir, 'nested', 'sandbox.yaml'));
    expect(parse(await readFile(file, 'utf8'))).toEqual(config);
  });
});
