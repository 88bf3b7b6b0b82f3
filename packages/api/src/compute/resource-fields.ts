import { COMPUTE_TYPES, type ComputeStatus, type ResourceRef } from '@ccx/core';
import type { StoredResource } from '@ccx/store';

/**
 * Where each compute type keeps its size and task counts among the inventory attributes the
 * providers write (EC2 `instanceType`, Azure `vmSize`, ECS `desiredCount`…). The one place
 * that knows it, so the list, the detail, the actions and the live refresh agree.
 */
export const SIZE_ATTRIBUTE: Readonly<Record<string, string>> = {
  [COMPUTE_TYPES.ec2Instance]: 'instanceType',
  [COMPUTE_TYPES.azureVm]: 'vmSize',
};

/** A non-empty string attribute, or null: what an absent, empty or mistyped value reads as. */
export const stringOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;
const countOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

export function sizeOf(resource: Pick<StoredResource, 'type' | 'attributes'>): string | null {
  const key = SIZE_ATTRIBUTE[resource.type];
  return key === undefined ? null : stringOrNull(resource.attributes[key]);
}

export function countsOf(resource: Pick<StoredResource, 'type' | 'attributes'>): {
  desiredCount: number | null;
  runningCount: number | null;
} {
  if (resource.type !== COMPUTE_TYPES.ecsService) return { desiredCount: null, runningCount: null };
  return {
    desiredCount: countOrNull(resource.attributes['desiredCount']),
    runningCount: countOrNull(resource.attributes['runningCount']),
  };
}

/**
 * The attribute patch that carries what `describe` read back into the store: the size of a
 * machine, the task counts of a service. Absent values are left out, never written as null.
 */
export function attributesFromStatus(type: string, status: ComputeStatus): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const sizeKey = SIZE_ATTRIBUTE[type];
  if (sizeKey !== undefined && status.size !== null) patch[sizeKey] = status.size;
  if (type === COMPUTE_TYPES.ecsService) {
    if (status.desiredCount !== undefined) patch['desiredCount'] = status.desiredCount;
    if (status.runningCount !== undefined) patch['runningCount'] = status.runningCount;
    if (status.pendingCount !== undefined) patch['pendingCount'] = status.pendingCount;
  }
  return patch;
}

/** The five coordinates, and nothing else of the stored row, go to a provider. */
export const refOf = (resource: ResourceRef): ResourceRef => ({
  provider: resource.provider,
  account: resource.account,
  region: resource.region,
  type: resource.type,
  id: resource.id,
});
