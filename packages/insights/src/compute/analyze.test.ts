import type { ProviderId } from '@ccx/core';
import { makeResource } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { analyzeCompute, COMPUTE_FINDING_KINDS as K } from './analyze';
import type { ComputeResourceFacts, ResourceSeries } from './facts';
import { flat, hourly, NOW } from './testing/hourly';

const ACCOUNT = '111111111111';
const SUB = '00000000-0000-0000-0000-000000000001';
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-1`;
const DISK_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/web-1-os`;

function resource(
  provider: ProviderId,
  type: string,
  id: string,
  state: string | null,
  attributes: Record<string, unknown>,
  tags: Record<string, string> = {},
  region = provider === 'azure' ? 'eastus' : 'us-east-1',
): ComputeResourceFacts {
  return makeResource({
    provider,
    account: provider === 'azure' ? SUB : ACCOUNT,
    region,
    type,
    id,
    name: id,
    state,
    tags,
    createdAt: null,
    attributes,
  });
}

const busy = { cpuMax: flat(14, 50), networkIn: flat(14, 1e8), networkOut: flat(14, 1e8) };
const office = (day: number, hour: number) => (day < 5 && hour >= 8 && hour < 19 ? 40 : 1);

const resources = [
  resource('aws', 'ec2.instance', 'i-oversized', 'running', { instanceType: 'm5.2xlarge' }),
  resource('aws', 'ec2.instance', 'i-idle', 'running', { instanceType: 'm5.large' }),
  resource(
    'aws',
    'ec2.instance',
    'i-dev',
    'running',
    { instanceType: 'm5.xlarge' },
    { env: 'dev' },
  ),
  resource('aws', 'ec2.instance', 'i-stopped', 'stopped', { instanceType: 'm5.large' }),
  resource('aws', 'ec2.instance', 'i-broken', 'running', { instanceType: 42 }),
  resource('aws', 'ec2.volume', 'vol-root', 'in-use', {
    sizeGiB: 8,
    volumeType: 'gp3',
    state: 'in-use',
    attachedInstanceId: 'i-stopped',
  }),
  resource('aws', 'ec2.volume', 'vol-data', 'in-use', {
    sizeGiB: 100,
    volumeType: 'io2',
    iops: 1000,
    state: 'in-use',
    attachedInstanceId: 'i-stopped',
  }),
  resource('aws', 'ec2.volume', 'vol-orphan', 'available', {
    sizeGiB: 500,
    volumeType: 'gp3',
    iops: 6000,
    throughput: 250,
    state: 'available',
    attachedInstanceId: null,
  }),
  resource('aws', 'ec2.address', 'eipalloc-free', null, {
    publicIp: '203.0.113.7',
    associationId: null,
  }),
  resource('aws', 'ec2.address', 'eipalloc-used', null, {
    publicIp: '203.0.113.8',
    associationId: 'eipassoc-1',
    instanceId: 'i-oversized',
  }),
  resource('azure', 'azure.vm', VM_ID, 'stopped', {
    vmSize: 'Standard_D4s_v5',
    osDiskId: DISK_ID.toUpperCase(),
  }),
  resource('azure', 'azure.disk', DISK_ID, null, {
    sizeGiB: 128,
    sku: 'Premium_LRS',
    diskState: 'Reserved',
    managedBy: VM_ID,
  }),
  resource('azure', 'azure.disk', `${DISK_ID}-spare`, null, {
    sizeGiB: 100,
    sku: 'StandardSSD_LRS',
    diskState: 'Unattached',
  }),
  resource('aws', 'ecs.service', 'web/api', 'active', {
    clusterName: 'web',
    launchType: 'FARGATE',
    desiredCount: 6,
    taskCpu: '512',
    taskMemory: '1024',
  }),
];

const series: Record<string, ResourceSeries> = {
  'i-oversized': { ...busy, cpuMax: flat(14, 5) },
  'i-idle': { cpuMax: flat(14, 1), networkIn: flat(14, 1000), networkOut: flat(14, 1000) },
  'i-dev': { ...busy, cpuMax: hourly(14, office) },
  'i-broken': busy,
  'web/api': { cpu: flat(1, 20), memory: flat(1, 30) },
};

function analyse() {
  return analyzeCompute({
    resources,
    series: (uid) => series[resources.find((r) => r.uid === uid)!.id] ?? {},
    now: NOW,
  });
}

const byId = (id: string) =>
  analyse().filter((f) => f.resourceUid === resources.find((r) => r.id === id)!.uid);

describe('analyzeCompute', () => {
  it('advises a downsize with the evidence and the money', () => {
    expect(byId('i-oversized')).toMatchObject([
      {
        kind: K.rightsizing,
        subject: 'instance-size',
        severity: 'medium',
        title: 'Downsize m5.2xlarge to r6i.xlarge: saves $96.36 a month',
        estimatedMonthlyImpact: { amount: 96.36, currency: 'USD' },
        evidence: {
          percentile: 99.5,
          headroom: 20,
          demand: 5,
          statistic: 'maximum',
        },
      },
    ]);
  });

  it('flags an idle machine once, to stop it, for its whole price', () => {
    expect(byId('i-idle')).toMatchObject([
      {
        kind: K.idle,
        subject: 'idle',
        estimatedMonthlyImpact: { amount: 70.08, currency: 'USD' },
        evidence: { preset: 'aws', cpuValue: 1 },
      },
    ]);
  });

  it('schedules a non-production machine and also rightsizes it', () => {
    const findings = byId('i-dev');
    expect(findings.map((f) => f.kind).sort()).toEqual([K.offHours, K.rightsizing].sort());
    const schedule = findings.find((f) => f.kind === K.offHours)!;
    expect(schedule.title).toBe(
      'Schedule dev machine: running Mon–Fri 08:00–19:00 UTC (off 113 h a week)',
    );
    // m5.xlarge: 140.16 a month × 113 / 168.
    expect(schedule.estimatedMonthlyImpact).toEqual({ amount: 94.27, currency: 'USD' });
  });

  it('prices the volumes of a stopped instance and the disks of a stopped VM', () => {
    expect(byId('i-stopped')).toMatchObject([
      {
        kind: K.stoppedStorage,
        // gp3 8 GiB × 0.08 + io2 100 GiB × 0.125 + 1000 IOPS × 0.065
        estimatedMonthlyImpact: { amount: 0.64 + 12.5 + 65, currency: 'USD' },
        evidence: { totalGiB: 108, complete: true },
      },
    ]);
    const vm = byId(VM_ID);
    expect(vm.map((f) => `${f.kind}/${f.subject}`)).toEqual([
      `${K.idle}/stopped-allocated`,
      `${K.stoppedStorage}/attached-storage`,
    ]);
    // Standard_D4s_v5 0.192 × 730; one P10 disk (128 GiB) found by its id in another case.
    expect(vm[0]!.estimatedMonthlyImpact).toEqual({ amount: 140.16, currency: 'USD' });
    expect(vm[1]!.estimatedMonthlyImpact).toEqual({ amount: 19.71, currency: 'USD' });
  });

  it('finds unattached volumes and disks and unassociated addresses', () => {
    // 500 × 0.08 + (6000 − 3000) × 0.005 + (250 − 125) × 0.04
    expect(byId('vol-orphan')).toMatchObject([
      {
        kind: K.unattachedVolume,
        estimatedMonthlyImpact: { amount: 60, currency: 'USD' },
      },
    ]);
    expect(byId(`${DISK_ID}-spare`)).toMatchObject([
      {
        kind: K.unattachedVolume,
        estimatedMonthlyImpact: { amount: 9.6, currency: 'USD' },
      },
    ]);
    expect(byId('eipalloc-free')).toMatchObject([
      {
        kind: K.unassociatedAddress,
        title: 'Elastic IP 203.0.113.7 is not associated',
        estimatedMonthlyImpact: { amount: 3.65, currency: 'USD' },
      },
    ]);
    expect(byId('eipalloc-used')).toEqual([]);
    expect(byId('vol-root')).toEqual([]);
    expect(byId(DISK_ID)).toEqual([]);
  });

  it('scales an over-provisioned Fargate service in and prices the tasks it drops', () => {
    // Peak memory 30 % of 6 tasks at a 70 % target: ⌈6 × 30 / 70⌉ = 3.
    expect(byId('web/api')).toMatchObject([
      {
        kind: K.ecsScaling,
        title: 'Scale in from 6 to 3 tasks',
        // 3 tasks × (0.5 vCPU × 0.04048 + 1 GB × 0.004445) × 730
        estimatedMonthlyImpact: { amount: 3 * 18.02, currency: 'USD' },
      },
    ]);
  });

  it('analyses a slice with the whole estate as context', () => {
    const stopped = resources.find((r) => r.id === 'i-stopped')!;
    const slice = analyzeCompute({
      resources,
      series: () => ({}),
      now: NOW,
      forUids: new Set([stopped.uid]),
    });
    expect(slice.map((f) => `${f.resourceUid} ${f.kind}`)).toEqual([
      `${stopped.uid} ${K.stoppedStorage}`,
    ]);
    expect(slice[0]!.estimatedMonthlyImpact).toEqual({ amount: 78.14, currency: 'USD' });
  });

  it('skips a resource whose attributes do not parse, and is deterministic', () => {
    expect(byId('i-broken')).toEqual([]);
    expect(analyse()).toEqual(analyse());
    const keys = analyse().map((f) => `${f.resourceUid} ${f.kind} ${f.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
