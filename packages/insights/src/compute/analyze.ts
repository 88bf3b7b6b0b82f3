import type { Money, Severity } from '@ccx/core';
import { COMPUTE_TYPES } from '@ccx/core';
import type { CatalogProvider } from './catalog';
import {
  azureDiskMonthlyPrice,
  ebsMonthlyPrice,
  fargateTaskMonthlyPrice,
  findInstance,
  monthly,
  publicIpv4MonthlyPrice,
} from './catalog';
import { ecsScaling } from './ecs-scaling';
import type { ComputeResourceFacts, ResourceSeries } from './facts';
import { attributesOf, nonProductionEnv } from './facts';
import type { IdlePreset } from './idle';
import { detectIdle } from './idle';
import { offHoursSaving, offHoursSchedule } from './off-hours';
import type { RightsizingPolicy, RightsizingPreset } from './rightsize';
import { resolvePolicy, rightsize } from './rightsize';
import { roundTo } from './series';

export const COMPUTE_FINDING_KINDS = {
  rightsizing: 'compute.rightsizing',
  idle: 'compute.idle',
  stoppedStorage: 'compute.stopped-storage',
  unattachedVolume: 'compute.unattached-volume',
  unassociatedAddress: 'compute.unassociated-address',
  offHours: 'compute.off-hours',
  ecsScaling: 'ecs.scaling',
} as const;
export type ComputeFindingKind = (typeof COMPUTE_FINDING_KINDS)[keyof typeof COMPUTE_FINDING_KINDS];

const K = COMPUTE_FINDING_KINDS;
const MACHINE_KINDS = [K.rightsizing, K.idle, K.stoppedStorage, K.offHours] as const;

/** Every kind the analysis may write for a resource type: what a rerun replaces (or clears). */
export const COMPUTE_KINDS_BY_TYPE: Readonly<Record<string, readonly ComputeFindingKind[]>> = {
  [COMPUTE_TYPES.ec2Instance]: MACHINE_KINDS,
  [COMPUTE_TYPES.azureVm]: MACHINE_KINDS,
  [COMPUTE_TYPES.ec2Volume]: [K.unattachedVolume],
  [COMPUTE_TYPES.azureDisk]: [K.unattachedVolume],
  [COMPUTE_TYPES.ec2Address]: [K.unassociatedAddress],
  [COMPUTE_TYPES.ecsService]: [K.ecsScaling],
};

export interface ComputeFinding {
  kind: ComputeFindingKind;
  resourceUid: string;
  /** What inside the resource the finding is about; unique per kind and resource. */
  subject: string;
  severity: Severity;
  title: string;
  evidence: Record<string, unknown>;
  estimatedMonthlyImpact: Money | null;
}

export interface AnalyzeComputeInput {
  resources: readonly ComputeResourceFacts[];
  /** Stored series of a resource; metrics it lacks are absent. */
  series(uid: string): ResourceSeries;
  now: Date;
  /** Rightsizing preset or policy. Default `compute-optimizer`. */
  preset?: RightsizingPreset | RightsizingPolicy;
  /** Idle rule; default `aws` for AWS and `azure-advisor` for Azure. */
  idlePreset?: IdlePreset;
  /**
   * Only these resources get findings; the others still serve as context (a stopped
   * instance's volumes). Lets a caller analyse a large estate in slices, reading the series of
   * one slice at a time. Default: every resource.
   */
  forUids?: ReadonlySet<string>;
}

const usd = (amount: number): Money => ({ amount: roundTo(amount, 2), currency: 'USD' });
const dollars = (amount: number): string => `$${amount.toFixed(2)}`;

/** Waste is ranked by money: a few dollars a month is low, hundreds is high. */
function severityFor(amount: number): Severity {
  if (amount >= 500) return 'high';
  if (amount >= 50) return 'medium';
  return 'low';
}

const catalogProvider = (resource: ComputeResourceFacts): CatalogProvider | null =>
  resource.provider === 'aws' || resource.provider === 'azure' ? resource.provider : null;

interface Context {
  input: AnalyzeComputeInput;
  policy: RightsizingPolicy;
  /** EC2 volumes by `account/region/instance id` of the instance they are attached to. */
  volumesByInstance: Map<string, ComputeResourceFacts[]>;
  /** Azure disks by their ARM id and by the ARM id of the VM managing them (lower case). */
  disksById: Map<string, ComputeResourceFacts>;
  disksByManager: Map<string, ComputeResourceFacts[]>;
}

/**
 * Every compute finding for the given resources and their stored series: rightsizing, idle
 * machines, storage paid for by stopped machines, unattached volumes and disks, unassociated
 * addresses, off-hours schedules for non-production machines, and ECS scaling. Pure: the same
 * input gives the same findings. A resource whose attributes do not parse is skipped.
 */
export function analyzeCompute(input: AnalyzeComputeInput): ComputeFinding[] {
  const context: Context = {
    input,
    policy: resolvePolicy(input.preset),
    volumesByInstance: new Map(),
    disksById: new Map(),
    disksByManager: new Map(),
  };
  for (const resource of input.resources) {
    const volume = attributesOf(resource, COMPUTE_TYPES.ec2Volume);
    if (volume?.attachedInstanceId) {
      const key = `${resource.account}/${resource.region}/${volume.attachedInstanceId}`;
      context.volumesByInstance.set(key, [...(context.volumesByInstance.get(key) ?? []), resource]);
    }
    const disk = attributesOf(resource, COMPUTE_TYPES.azureDisk);
    if (disk) {
      context.disksById.set(resource.id.toLowerCase(), resource);
      const manager = disk.managedBy?.toLowerCase();
      if (manager)
        context.disksByManager.set(manager, [
          ...(context.disksByManager.get(manager) ?? []),
          resource,
        ]);
    }
  }
  const findings: ComputeFinding[] = [];
  for (const resource of input.resources)
    if (!input.forUids || input.forUids.has(resource.uid))
      findings.push(...findingsFor(resource, context));
  return findings;
}

function findingsFor(resource: ComputeResourceFacts, context: Context): ComputeFinding[] {
  switch (resource.type) {
    case COMPUTE_TYPES.ec2Instance:
    case COMPUTE_TYPES.azureVm:
      return machineFindings(resource, context);
    case COMPUTE_TYPES.ec2Volume:
      return unattachedVolume(resource);
    case COMPUTE_TYPES.azureDisk:
      return unattachedDisk(resource);
    case COMPUTE_TYPES.ec2Address:
      return unassociatedAddress(resource);
    case COMPUTE_TYPES.ecsService:
      return serviceScaling(resource, context);
    default:
      return [];
  }
}

function sizeOf(resource: ComputeResourceFacts): string | null {
  if (resource.type === COMPUTE_TYPES.ec2Instance)
    return attributesOf(resource, COMPUTE_TYPES.ec2Instance)?.instanceType ?? null;
  return attributesOf(resource, COMPUTE_TYPES.azureVm)?.vmSize ?? null;
}

function machineFindings(resource: ComputeResourceFacts, context: Context): ComputeFinding[] {
  const provider = catalogProvider(resource);
  const size = sizeOf(resource);
  if (!provider || !size) return [];
  const spec = findInstance(provider, resource.region, size);
  const monthlyPrice = spec ? monthly(spec.pricePerHour) : null;
  const base = { resourceUid: resource.uid };
  const findings: ComputeFinding[] = [];

  if (resource.state === 'stopped' || resource.state === 'deallocated') {
    if (resource.type === COMPUTE_TYPES.azureVm && resource.state === 'stopped')
      findings.push({
        ...base,
        kind: K.idle,
        subject: 'stopped-allocated',
        severity: severityFor(monthlyPrice ?? 0),
        title: `Powered off but not deallocated: ${size} is still billed`,
        evidence: { state: resource.state, size, monthlyPrice },
        estimatedMonthlyImpact: monthlyPrice === null ? null : usd(monthlyPrice),
      });
    findings.push(...stoppedStorage(resource, context));
    return findings;
  }
  if (resource.state !== 'running') return findings;

  const series = context.input.series(resource.uid);
  const now = context.input.now;
  const idlePreset = context.input.idlePreset ?? (provider === 'azure' ? 'azure-advisor' : 'aws');
  const idle = detectIdle(series, now, idlePreset);
  if (idle.status === 'idle') {
    findings.push({
      ...base,
      kind: K.idle,
      subject: 'idle',
      severity: severityFor(monthlyPrice ?? 0),
      title: `Idle for ${idle.evidence.lookbackDays} days: stop or remove ${size}`,
      evidence: { ...idle.evidence, size, monthlyPrice },
      estimatedMonthlyImpact: monthlyPrice === null ? null : usd(monthlyPrice),
    });
    // An idle machine gets one advice, to stop it; resizing or scheduling it would save less.
    return findings;
  }

  const advice = rightsize({
    provider,
    region: resource.region,
    size,
    ...(series.cpuMax ? { cpuMax: series.cpuMax } : {}),
    ...(series.cpu ? { cpu: series.cpu } : {}),
    now,
    policy: context.policy,
  });
  if ((advice.status === 'downsize' || advice.status === 'upsize') && advice.recommended) {
    const down = advice.status === 'downsize';
    findings.push({
      ...base,
      kind: K.rightsizing,
      subject: 'instance-size',
      severity: down ? severityFor(advice.monthlySaving) : 'medium',
      title: down
        ? `Downsize ${size} to ${advice.recommended.type}: saves ${dollars(advice.monthlySaving)} a month`
        : `Under-provisioned: ${size} runs at ${advice.evidence.demand.toFixed(1)} % (P${advice.evidence.percentile}); move to ${advice.recommended.type}`,
      evidence: {
        status: advice.status,
        current: advice.current,
        recommended: advice.recommended,
        monthlySaving: advice.monthlySaving,
        costIncrease: advice.costIncrease,
        confidence: advice.confidence,
        ...advice.evidence,
      },
      estimatedMonthlyImpact: down ? usd(advice.monthlySaving) : null,
    });
  }

  const env = nonProductionEnv(resource.tags);
  const cpu = series.cpuMax ?? series.cpu;
  if (env && cpu && monthlyPrice !== null) {
    const offHours = offHoursSchedule(cpu, { now });
    if (offHours.status === 'schedule') {
      const saving = offHoursSaving(monthlyPrice, offHours.schedule.hoursOffPerWeek);
      findings.push({
        ...base,
        kind: K.offHours,
        subject: 'schedule',
        severity: severityFor(saving),
        title: `Schedule ${env} machine: ${offHours.schedule.label} (off ${offHours.schedule.hoursOffPerWeek} h a week)`,
        evidence: {
          env,
          size,
          monthlyPrice,
          statistic: series.cpuMax ? 'maximum' : 'average',
          ...offHours.schedule,
          hourOfWeekPeak: offHours.hourOfWeekPeak,
          weeksObserved: offHours.weeksObserved,
        },
        estimatedMonthlyImpact: usd(saving),
      });
    }
  }
  return findings;
}

/** Volumes (EC2) or managed disks (Azure) billed while their machine does not run. */
function stoppedStorage(resource: ComputeResourceFacts, context: Context): ComputeFinding[] {
  const items: { id: string; monthlyPrice: number | null; sizeGiB: number; kind: string }[] = [];
  if (resource.type === COMPUTE_TYPES.ec2Instance) {
    const key = `${resource.account}/${resource.region}/${resource.id}`;
    for (const volume of context.volumesByInstance.get(key) ?? []) {
      const attributes = attributesOf(volume, COMPUTE_TYPES.ec2Volume)!;
      items.push({
        id: volume.id,
        sizeGiB: attributes.sizeGiB,
        kind: attributes.volumeType,
        monthlyPrice: ebsMonthlyPrice(volume.region, attributes),
      });
    }
  } else {
    const vm = attributesOf(resource, COMPUTE_TYPES.azureVm);
    const named = [vm?.osDiskId, ...(vm?.dataDiskIds ?? [])]
      .filter((id): id is string => !!id)
      .map((id) => context.disksById.get(id.toLowerCase()));
    const managed = context.disksByManager.get(resource.id.toLowerCase()) ?? [];
    const disks = new Set([...named, ...managed].filter((disk) => disk !== undefined));
    for (const disk of disks) {
      const attributes = attributesOf(disk, COMPUTE_TYPES.azureDisk)!;
      items.push({
        id: disk.id,
        sizeGiB: attributes.sizeGiB,
        kind: attributes.sku,
        monthlyPrice: azureDiskMonthlyPrice(disk.region, attributes),
      });
    }
  }
  if (items.length === 0) return [];
  const total = items.reduce((sum, item) => sum + (item.monthlyPrice ?? 0), 0);
  const priced = items.every((item) => item.monthlyPrice !== null);
  return [
    {
      resourceUid: resource.uid,
      kind: K.stoppedStorage,
      subject: 'attached-storage',
      severity: severityFor(total),
      title: `Stopped, still paying ${dollars(total)} a month for ${items.length} ${items.length === 1 ? 'volume' : 'volumes'}`,
      evidence: {
        state: resource.state,
        volumes: items,
        totalGiB: items.reduce((s, i) => s + i.sizeGiB, 0),
        complete: priced,
      },
      estimatedMonthlyImpact: priced || total > 0 ? usd(total) : null,
    },
  ];
}

function unattachedVolume(resource: ComputeResourceFacts): ComputeFinding[] {
  const volume = attributesOf(resource, COMPUTE_TYPES.ec2Volume);
  if (!volume || volume.state !== 'available' || volume.attachedInstanceId) return [];
  const price = ebsMonthlyPrice(resource.region, volume);
  return [
    {
      resourceUid: resource.uid,
      kind: K.unattachedVolume,
      subject: 'unattached',
      severity: severityFor(price ?? 0),
      title: `Unattached ${volume.volumeType} volume of ${volume.sizeGiB} GiB`,
      evidence: { ...volume, monthlyPrice: price },
      estimatedMonthlyImpact: price === null ? null : usd(price),
    },
  ];
}

function unattachedDisk(resource: ComputeResourceFacts): ComputeFinding[] {
  const disk = attributesOf(resource, COMPUTE_TYPES.azureDisk);
  if (!disk || disk.diskState?.toLowerCase() !== 'unattached' || disk.managedBy) return [];
  const price = azureDiskMonthlyPrice(resource.region, disk);
  return [
    {
      resourceUid: resource.uid,
      kind: K.unattachedVolume,
      subject: 'unattached',
      severity: severityFor(price ?? 0),
      title: `Unattached ${disk.sku} disk of ${disk.sizeGiB} GiB`,
      evidence: { ...disk, monthlyPrice: price },
      estimatedMonthlyImpact: price === null ? null : usd(price),
    },
  ];
}

function unassociatedAddress(resource: ComputeResourceFacts): ComputeFinding[] {
  const address = attributesOf(resource, COMPUTE_TYPES.ec2Address);
  if (!address || address.associationId || address.instanceId || address.networkInterfaceId)
    return [];
  const price = publicIpv4MonthlyPrice(resource.region);
  return [
    {
      resourceUid: resource.uid,
      kind: K.unassociatedAddress,
      subject: 'unassociated',
      severity: 'low',
      title: `Elastic IP ${address.publicIp ?? resource.id} is not associated`,
      evidence: { ...address, monthlyPrice: price },
      estimatedMonthlyImpact: price === null ? null : usd(price),
    },
  ];
}

function serviceScaling(resource: ComputeResourceFacts, context: Context): ComputeFinding[] {
  const service = attributesOf(resource, COMPUTE_TYPES.ecsService);
  if (!service || (resource.state !== null && resource.state !== 'active')) return [];
  const result = ecsScaling(service.desiredCount, context.input.series(resource.uid), {
    now: context.input.now,
  });
  if (result.status !== 'scale-out' && result.status !== 'scale-in') return [];
  const out = result.status === 'scale-out';
  const taskPrice =
    service.launchType?.toUpperCase() === 'FARGATE' && service.taskCpu && service.taskMemory
      ? fargateTaskMonthlyPrice(resource.region, {
          cpuUnits: service.taskCpu,
          memoryMiB: service.taskMemory,
        })
      : null;
  const saving = !out && taskPrice !== null ? (result.current - result.desired) * taskPrice : null;
  return [
    {
      resourceUid: resource.uid,
      kind: K.ecsScaling,
      subject: 'desired-count',
      severity: out ? 'medium' : severityFor(saving ?? 0),
      title: out
        ? `Scale out from ${result.current} to ${result.desired} tasks: load is above target`
        : `Scale in from ${result.current} to ${result.desired} tasks`,
      evidence: { ...result, launchType: service.launchType ?? null, taskMonthlyPrice: taskPrice },
      estimatedMonthlyImpact: saving === null ? null : usd(saving),
    },
  ];
}
