import { COMPUTE_PART_TYPES, COMPUTE_TYPES, CcxError, type ResourceRef } from '@ccx/core';

export const ECS_CLUSTER = COMPUTE_TYPES.ecsCluster;
export const ECS_SERVICE = COMPUTE_TYPES.ecsService;
export const ECS_TASK = COMPUTE_PART_TYPES.ecsTask;

/** Cluster and service names ECS accepts: letters, digits, hyphens and underscores. */
const NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** An ECS service's coordinates inside its account × region. */
export interface ServiceName {
  cluster: string;
  service: string;
}

/** `<cluster>/<service>`: unique within an account and region, since names cannot hold `/`. */
export const serviceResourceId = (name: ServiceName) => `${name.cluster}/${name.service}`;

/**
 * The cluster and service a ref names. Anything but an `aws` `ecs.service` ref whose id is
 * exactly two valid names is refused before a request is made.
 */
export function serviceNameOf(ref: ResourceRef): ServiceName {
  if (ref.provider !== 'aws' || ref.type !== ECS_SERVICE) {
    throw new CcxError('invalid_input', `Not an ECS service: ${ref.provider} ${ref.type}`);
  }
  const parts = ref.id.split('/');
  const [cluster, service] = parts;
  if (parts.length !== 2 || !cluster || !service || !NAME.test(cluster) || !NAME.test(service)) {
    throw new CcxError('invalid_input', 'An ECS service id is <cluster>/<service>', {
      details: { id: ref.id.slice(0, 600) },
    });
  }
  return { cluster, service };
}

/** `<cluster>/<taskId>`: a task id is unique within its cluster. */
export const taskResourceId = (cluster: string, taskId: string) => `${cluster}/${taskId}`;

/** The last path segment of an ECS ARN (`…:cluster/prod-web` → `prod-web`). */
export const nameFromArn = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
