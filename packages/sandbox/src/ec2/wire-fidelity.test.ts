import {
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  type DescribeRegionsCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTERNAL_ID_ROLE_NAME, SANDBOX_EXTERNAL_ID, roleArnFor } from '../estate/account';
import { NOT_OPTED_IN_REGIONS } from '../estate/regions';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ec2For, stsFor } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

/** Element-level checks of what the official SDK deserializes from the sandbox's replies. */
let sandbox: SandboxHandle;
let ec2: EC2Client;
let sts: STSClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('wire'),
    estate: { instancesPerRegion: 8 },
  });
  ec2 = ec2For(sandbox, sandbox.accounts[0]!);
  sts = stsFor(sandbox, sandbox.accounts[0]!);
});
afterAll(async () => {
  ec2.destroy();
  sts.destroy();
  await sandbox.stop();
});

const regionNames = async (input: DescribeRegionsCommandInput) =>
  ((await ec2.send(new DescribeRegionsCommand(input))).Regions ?? []).map((r) => r.RegionName);

describe('DescribeRegions', () => {
  it('lists disabled regions only with AllRegions, as not-opted-in', async () => {
    const enabled = await regionNames({});
    for (const region of NOT_OPTED_IN_REGIONS) expect(enabled).not.toContain(region);
    const all = (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions!;
    expect(all.find((r) => r.RegionName === 'af-south-1')).toEqual({
      RegionName: 'af-south-1',
      Endpoint: 'ec2.af-south-1.amazonaws.com',
      OptInStatus: 'not-opted-in',
    });
    expect(all.length).toBe(enabled.length + NOT_OPTED_IN_REGIONS.length);
  });

  it('ANDs RegionName with filters, ORs filter values, and refuses unknown names and filters', async () => {
    expect(await regionNames({ RegionNames: ['eu-west-1', 'af-south-1'] })).toEqual([
      'eu-west-1',
      'af-south-1',
    ]);
    expect(
      await regionNames({
        RegionNames: ['eu-west-1', 'us-east-1'],
        Filters: [{ Name: 'region-name', Values: ['eu-*'] }],
      }),
    ).toEqual(['eu-west-1']);
    expect(
      await regionNames({
        AllRegions: true,
        Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }],
      }),
    ).toEqual([...NOT_OPTED_IN_REGIONS]);
    await expect(regionNames({ RegionNames: ['xx-nowhere-1'] })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      regionNames({ Filters: [{ Name: 'colour', Values: ['blue'] }] }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('refuses a request signed for a region the account has not enabled', async () => {
    const disabled = ec2For(sandbox, sandbox.accounts[0]!, 'af-south-1');
    await expect(disabled.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({
      name: 'AuthFailure',
      $metadata: { httpStatusCode: 401 },
    });
    disabled.destroy();
  });
});

describe('DescribeInstances elements', () => {
  it('fills the network interface as EC2 does: attachment, groups and private addresses', async () => {
    const out = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    const instance = out.Reservations![0]!.Instances![0]!;
    const eni = instance.NetworkInterfaces![0]!;
    expect(eni.Attachment).toMatchObject({
      DeviceIndex: 0,
      Status: 'attached',
      DeleteOnTermination: true,
      NetworkCardIndex: 0,
    });
    expect(eni.Attachment!.AttachmentId).toMatch(/^eni-attach-[0-9a-f]{17}$/);
    expect(eni.Attachment!.AttachTime).toBeInstanceOf(Date);
    expect(eni.Groups).toEqual(instance.SecurityGroups);
    expect(eni.PrivateIpAddresses).toEqual([
      {
        PrivateIpAddress: instance.PrivateIpAddress,
        PrivateDnsName: instance.PrivateDnsName,
        Primary: true,
      },
    ]);
    expect(instance.MetadataOptions).toMatchObject({
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    });
    expect(instance.CurrentInstanceBootMode).toMatch(/^(uefi|legacy-bios)$/);
    expect(out.Reservations![0]!.OwnerId).toBe(sandbox.accounts[0]!.id);
  });

  it('reports the request id of successes and errors, and dates replies by the sandbox clock', async () => {
    const ok = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(ok.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await ec2
      .send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))
      .catch((error: unknown) => error as { $metadata: { requestId?: string } });
    expect(failed.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.$metadata.requestId).not.toBe(ok.$metadata.requestId);
    const response = await fetch(`${sandbox.url}/`);
    expect(Math.abs(Date.parse(response.headers.get('date')!) - Date.now())).toBeLessThan(5_000);
  });
});

describe('AssumeRole with an external id', () => {
  const roleArn = () => roleArnFor(sandbox.accounts[1]!.id, EXTERNAL_ID_ROLE_NAME);
  const assume = (ExternalId?: string) =>
    sts.send(new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'wire', ExternalId }));

  it('grants the role only with the external id its trust policy names', async () => {
    const out = await assume(SANDBOX_EXTERNAL_ID);
    expect(out.AssumedRoleUser!.Arn).toBe(
      `arn:aws:sts::${sandbox.accounts[1]!.id}:assumed-role/${EXTERNAL_ID_ROLE_NAME}/wire`,
    );
    await expect(assume()).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assume('someone-else')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume('x')).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
