import { INSTANCE_TYPES } from '@ccx/core';
import { catalogForRegion, type InstanceSpec } from '@ccx/insights';
import type { StoredResource } from '@ccx/store';
import { sizeOf } from './resource-fields';

export interface SizeChoice {
  name: string;
  vcpu: number;
  memoryGiB: number;
  hourlyPrice: number | null;
}

/** At most this many choices: the family, then its neighbours by vCPU. */
const MAX_CHOICES = 40;

const byCapacity = (a: InstanceSpec, b: InstanceSpec) =>
  a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB || a.pricePerHour - b.pricePerHour;

/**
 * The sizes offered when resizing a machine, from the insights catalog for its provider and
 * region: every size of its own family, then sizes of other families of the same architecture
 * with between half and twice its vCPUs. A size the catalog does not know yields the region's
 * whole list; a region it does not price, or a service, none. Choosing outside the list is
 * still allowed: the provider has the last word on what exists.
 */
export function resizeChoices(
  resource: Pick<StoredResource, 'provider' | 'region' | 'type' | 'attributes'>,
): SizeChoice[] {
  if (!INSTANCE_TYPES.has(resource.type)) return [];
  if (resource.provider !== 'aws' && resource.provider !== 'azure') return [];
  const catalog = catalogForRegion(resource.provider, resource.region);
  const size = sizeOf(resource)?.toLowerCase();
  const current = catalog.find((spec) => spec.type.toLowerCase() === size);
  let chosen: InstanceSpec[];
  if (!current) {
    chosen = [...catalog].sort(byCapacity);
  } else {
    const family = catalog.filter((spec) => spec.family === current.family).sort(byCapacity);
    const neighbours = catalog
      .filter(
        (spec) =>
          spec.family !== current.family &&
          spec.architecture === current.architecture &&
          spec.vcpu >= current.vcpu / 2 &&
          spec.vcpu <= current.vcpu * 2,
      )
      .sort(
        (a, b) =>
          Math.abs(Math.log2(a.vcpu / current.vcpu)) - Math.abs(Math.log2(b.vcpu / current.vcpu)) ||
          byCapacity(a, b),
      );
    chosen = [...family, ...neighbours].slice(0, MAX_CHOICES).sort(byCapacity);
  }
  return chosen.map((spec) => ({
    name: spec.type,
    vcpu: spec.vcpu,
    memoryGiB: spec.memoryGiB,
    hourlyPrice: spec.pricePerHour,
  }));
}
