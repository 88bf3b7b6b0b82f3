import { COMPUTE_PART_TYPES, COMPUTE_TYPES, resourceUid } from '@ccx/core';
import { z } from 'zod';
import type { Resource } from '@ccx/api/contract';
import { computeHref } from '../../compute/url-state';

const COMPUTE_TYPE_SET: ReadonlySet<string> = new Set(Object.values(COMPUTE_TYPES));

/** ECS cluster and service names: letters, digits, hyphens and underscores. */
const ecsNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/);

/** Where a resource page sends the reader for metrics, findings and every action. */
export interface ComputeLink {
  href: string;
  /** The link's text: the resource's own compute page, or its service's. */
  label: string;
}

/**
 * The compute page a resource belongs to: its own for every compute type (instances, VMs,
 * services, volumes, disks, addresses, clusters), its service's for an ECS task started by
 * one (`attributes.service`, from the task's `service:<name>` group, in the cluster of
 * `attributes.clusterName`). Null for anything else, and for a task whose names are not ECS
 * names (attributes are provider data; a link is built only from what ECS could have named).
 */
export function computeLinkOf(
  resource: Pick<Resource, 'uid' | 'provider' | 'account' | 'region' | 'type' | 'attributes'>,
): ComputeLink | null {
  if (COMPUTE_TYPE_SET.has(resource.type))
    return {
      href: computeHref(resource.uid),
      label: 'Metrics, recommendations and all actions on the Compute page',
    };
  if (resource.type !== COMPUTE_PART_TYPES.ecsTask || resource.provider !== 'aws') return null;
  const service = ecsNameSchema.safeParse(resource.attributes['service']);
  const cluster = ecsNameSchema.safeParse(resource.attributes['clusterName']);
  if (!service.success || !cluster.success) return null;
  const uid = resourceUid({
    provider: 'aws',
    account: resource.account,
    region: resource.region,
    type: COMPUTE_TYPES.ecsService,
    id: `${cluster.data}/${service.data}`,
  });
  return {
    href: computeHref(uid),
    label: `Its service ${service.data} on the Compute page, with its tasks and actions`,
  };
}
