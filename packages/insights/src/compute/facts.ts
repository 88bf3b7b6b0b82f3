import type { MetricName, Resource } from '@ccx/core';
import { COMPUTE_TYPES } from '@ccx/core';
import { z } from 'zod';
import type { Series } from './series';

/**
 * What the compute insights read of a stored resource: its coordinates, state, tags and the
 * provider attributes the inventory records (`instanceType` for EC2, `vmSize` for Azure…).
 * Attributes are parsed here, per type, with lenient schemas: a field the provider left out or
 * a value of the wrong shape makes that resource skip the checks that need it, never throws.
 */
export type ComputeResourceFacts = Pick<
  Resource,
  | 'uid'
  | 'provider'
  | 'account'
  | 'region'
  | 'type'
  | 'id'
  | 'name'
  | 'state'
  | 'tags'
  | 'attributes'
>;

export type ResourceSeries = Partial<Record<MetricName, Series>>;

const text = z.string().min(1);
const optionalText = text.nullish().catch(null);
const count = z.coerce.number().finite().min(0);
const optionalCount = count.nullish().catch(null);
const textList = z.array(z.string()).catch([]);

export const ec2InstanceAttributes = z.object({
  instanceType: text,
  architecture: optionalText,
  volumeIds: textList.optional(),
});

export const ec2VolumeAttributes = z.object({
  sizeGiB: count,
  volumeType: text,
  iops: optionalCount,
  throughput: optionalCount,
  state: optionalText,
  attachedInstanceId: optionalText,
});

export const ec2AddressAttributes = z.object({
  publicIp: optionalText,
  allocationId: optionalText,
  associationId: optionalText,
  instanceId: optionalText,
  networkInterfaceId: optionalText,
});

export const ecsServiceAttributes = z.object({
  clusterName: optionalText,
  launchType: optionalText,
  desiredCount: count,
  runningCount: optionalCount,
  /** Task-level CPU units and memory MiB; ECS gives them as strings (`"256"`). */
  taskCpu: optionalCount,
  taskMemory: optionalCount,
});

export const azureVmAttributes = z.object({
  vmSize: text,
  osDiskId: optionalText,
  dataDiskIds: textList.optional(),
});

export const azureDiskAttributes = z.object({
  sizeGiB: count,
  sku: text,
  diskState: optionalText,
  managedBy: optionalText,
});

const SCHEMAS = {
  [COMPUTE_TYPES.ec2Instance]: ec2InstanceAttributes,
  [COMPUTE_TYPES.ec2Volume]: ec2VolumeAttributes,
  [COMPUTE_TYPES.ec2Address]: ec2AddressAttributes,
  [COMPUTE_TYPES.ecsService]: ecsServiceAttributes,
  [COMPUTE_TYPES.azureVm]: azureVmAttributes,
  [COMPUTE_TYPES.azureDisk]: azureDiskAttributes,
} as const;

export type AnalysedType = keyof typeof SCHEMAS;
export const ANALYSED_TYPES = Object.keys(SCHEMAS) as AnalysedType[];

export type AttributesOf<T extends AnalysedType> = z.infer<(typeof SCHEMAS)[T]>;

/** The resource's attributes as its type's schema reads them, or null if they do not fit. */
export function attributesOf<T extends AnalysedType>(
  resource: ComputeResourceFacts,
  type: T,
): AttributesOf<T> | null {
  if (resource.type !== type) return null;
  const parsed = SCHEMAS[type].safeParse(resource.attributes);
  return parsed.success ? (parsed.data as AttributesOf<T>) : null;
}

/** Tag values that mark a resource as not production (`env`, `environment` or `stage`). */
const NON_PRODUCTION =
  /^(dev|develop|development|test|testing|qa|uat|stage|staging|stg|sandbox|sbx|demo|preview|perf|load|ci|int|integration)$/i;
const ENV_TAG = /^(env|environment|stage)$/i;

/** The non-production environment a resource's tags name, or null. */
export function nonProductionEnv(tags: Record<string, string>): string | null {
  for (const [key, value] of Object.entries(tags))
    if (ENV_TAG.test(key) && NON_PRODUCTION.test(value.trim())) return value.trim();
  return null;
}

/** ARM ids compare case-insensitively. */
export function sameArmId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
