import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromAwsError } from './errors';

/** The mapping applied to errors the real SDK raised from the sandbox's replies (no hand-built ones). */
let sandbox: SandboxHandle;
const clients: EC2Client[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-aws-errors-test-')),
    estate: { instancesPerRegion: 2 },
  });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox.stop();
});

function ec2(secret?: string, endpoint = sandbox.url): EC2Client {
  const account = sandbox.accounts[0]!;
  const client = new EC2Client({
    region: 'us-east-1',
    endpoint,
    maxAttempts: 1,
    credentials: {
      accessKeyId: account.accessKeyId,
      secretAccessKey: secret ?? account.secretAccessKey,
    },
  });
  clients.push(client);
  return client;
}

const thrown = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => fromAwsError(error, 'Calling EC2'),
  );

describe('fromAwsError on real SDK errors', () => {
  it.each([
    ['ec2.throttle=1', /^RequestLimitExceeded$/, /^503$/, 'unavailable', true],
    ['ec2.error=1', /^(InternalError|ServiceUnavailable)$/, /^50[03]$/, 'unavailable', true],
  ] as const)('with faults %s: %s', async (faults, awsCode, status, code, retryable) => {
    sandbox.setFaults(faults);
    try {
      const mapped = await thrown(ec2().send(new DescribeInstancesCommand({})));
      expect(mapped).toMatchObject({ code, retryable });
      expect(String(mapped.details.awsCode)).toMatch(awsCode);
      expect(String(mapped.details.httpStatus)).toMatch(status);
      expect(mapped.details.requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      sandbox.setFaults('');
    }
  });

  it('maps a wrong secret, a bad parameter and an unknown instance', async () => {
    await expect(thrown(ec2('wrong').send(new DescribeRegionsCommand({})))).resolves.toMatchObject({
      code: 'forbidden',
      retryable: false,
      details: { awsCode: 'SignatureDoesNotMatch', httpStatus: 403 },
    });
    await expect(
      thrown(ec2().send(new DescribeInstancesCommand({ MaxResults: 4 }))),
    ).resolves.toMatchObject({
      code: 'provider_error',
      retryable: false,
      details: { awsCode: 'InvalidParameterValue', httpStatus: 400 },
    });
    await expect(
      thrown(ec2().send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))),
    ).resolves.toMatchObject({
      code: 'not_found',
      details: { awsCode: 'InvalidInstanceID.NotFound' },
    });
  });

  it('treats a refused connection as transient', async () => {
    const closed = await startSandbox({
      stateDir: mkdtempSync(join(tmpdir(), 'ccx-aws-closed-test-')),
      estate: { instancesPerRegion: 1 },
    });
    await closed.stop();
    const mapped = await thrown(ec2(undefined, closed.url).send(new DescribeRegionsCommand({})));
    expect(mapped).toMatchObject({ code: 'unavailable', retryable: true });
  });
});
