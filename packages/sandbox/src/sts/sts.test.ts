import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ec2For, stsFor } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ stateDir: tempStateDir('sts') });
});
afterAll(async () => {
  await sandbox.stop();
});

describe('STS through the official SDK', () => {
  it('GetCallerIdentity names the account of the access key', async () => {
    for (const account of sandbox.accounts) {
      const out = await stsFor(sandbox, account).send(new GetCallerIdentityCommand({}));
      expect(out).toMatchObject({
        Account: account.id,
        Arn: `arn:aws:iam::${account.id}:user/ccx-sandbox`,
      });
      expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    }
  });

  it('AssumeRole returns temporary credentials that act as the other account', async () => {
    const [hub, staging] = sandbox.accounts;
    const out = await stsFor(sandbox, hub!).send(
      new AssumeRoleCommand({
        RoleArn: staging!.roleArn,
        RoleSessionName: 'ccx-test',
        DurationSeconds: 900,
      }),
    );
    const creds = out.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    expect(creds.Expiration!.getTime()).toBeGreaterThan(Date.now() + 800_000);
    expect(out.AssumedRoleUser!.Arn).toBe(
      `arn:aws:sts::${staging!.id}:assumed-role/ccx-read/ccx-test`,
    );
    const temporary = {
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!,
    };
    const who = await stsFor(sandbox, temporary).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(staging!.id);
    const viaRole = await ec2For(sandbox, temporary).send(new DescribeInstancesCommand({}));
    const direct = await ec2For(sandbox, staging!).send(new DescribeInstancesCommand({}));
    const owners = new Set(viaRole.Reservations!.map((r) => r.OwnerId));
    expect([...owners]).toEqual([staging!.id]);
    expect(
      viaRole.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId)).sort(),
    ).toEqual(direct.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId)).sort());
    // Temporary credentials without their session token are not accepted.
    await expect(
      ec2For(sandbox, {
        accessKeyId: temporary.accessKeyId,
        secretAccessKey: temporary.secretAccessKey,
      }).send(new DescribeInstancesCommand({})),
    ).rejects.toMatchObject({
      name: 'AuthFailure',
    });
  });

  it('refuses a role in an unknown account, another role name, and callers outside the first account', async () => {
    const [hub, staging, dev] = sandbox.accounts;
    const sts = stsFor(sandbox, hub!);
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/ccx-read',
          RoleSessionName: 's1',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${staging!.id}:role/admin`,
          RoleSessionName: 's1',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      stsFor(sandbox, staging!).send(
        new AssumeRoleCommand({ RoleArn: dev!.roleArn, RoleSessionName: 's1' }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 's1' })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('answers an unknown key with InvalidClientTokenId and a wrong secret with SignatureDoesNotMatch', async () => {
    await expect(
      stsFor(sandbox, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }).send(
        new GetCallerIdentityCommand({}),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
    const wrong = {
      accessKeyId: sandbox.accounts[0]!.accessKeyId,
      secretAccessKey: 'wrong-secret',
    };
    await expect(
      stsFor(sandbox, wrong).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    await expect(
      ec2For(sandbox, wrong).send(new DescribeInstancesCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(
      ec2For(sandbox, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }).send(
        new DescribeInstancesCommand({}),
      ),
    ).rejects.toMatchObject({
      name: 'AuthFailure',
      $metadata: { httpStatusCode: 401 },
    });
  });

  it('renders errors in the STS envelope, per the API reference', async () => {
    const response = await fetch(sandbox.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });
});
