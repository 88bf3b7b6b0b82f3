import type { Container, Tag, Task } from '@aws-sdk/client-ecs';
import { makeResource, type Resource } from '@ccx/core';
import { ECS_TASK, nameFromArn, taskResourceId } from './ecs-types';

function tagsOf(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) out[tag.key] = tag.value ?? '';
  return out;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

/** `service:<name>` is the group ECS gives a service's tasks; anything else is no service. */
const SERVICE_GROUP = 'service:';

/**
 * The task's private IPv4 address: from its ENI attachment (awsvpc), else from a container's
 * network interface; null for bridge and host tasks, whose address is their instance's.
 */
function privateIpOf(task: Task): string | null {
  for (const attachment of task.attachments ?? []) {
    if (attachment.type !== 'ElasticNetworkInterface') continue;
    const detail = attachment.details?.find((d) => d.name === 'privateIPv4Address');
    if (detail?.value) return detail.value;
  }
  for (const container of task.containers ?? []) {
    const address = container.networkInterfaces?.find((n) => n.privateIpv4Address);
    if (address?.privateIpv4Address) return address.privateIpv4Address;
  }
  return null;
}

function mapContainer(container: Container) {
  return {
    name: container.name ?? null,
    image: container.image ?? null,
    lastStatus: container.lastStatus ?? null,
    exitCode: container.exitCode ?? null,
    healthStatus: container.healthStatus ?? null,
  };
}

/**
 * An ECS task as a core Resource: id `<cluster>/<taskId>`, name the task id, state the
 * lower-cased `lastStatus`. Attributes carry only what DescribeTasks returned (null when it
 * did not): `taskDefinition` as `family:revision`, `service` from the task's group. The
 * cluster is the task's own `clusterArn`, else the one it was described in (`clusterArn`), so
 * the id always names its cluster. Null for a task without an ARN, which names nothing.
 */
export function mapTask(
  account: string,
  region: string,
  task: Task,
  clusterArn: string,
): Resource | null {
  if (!task.taskArn) return null;
  const taskId = nameFromArn(task.taskArn);
  const clusterName = nameFromArn(task.clusterArn || clusterArn);
  const group = task.group ?? '';
  return makeResource({
    provider: 'aws',
    account,
    region,
    type: ECS_TASK,
    id: taskResourceId(clusterName, taskId),
    name: taskId,
    state: task.lastStatus ? task.lastStatus.toLowerCase() : null,
    tags: tagsOf(task.tags),
    createdAt: iso(task.createdAt),
    attributes: {
      clusterName,
      taskArn: task.taskArn,
      taskDefinition: task.taskDefinitionArn ? nameFromArn(task.taskDefinitionArn) : null,
      service: group.startsWith(SERVICE_GROUP) ? group.slice(SERVICE_GROUP.length) : null,
      launchType: task.launchType ?? null,
      cpu: task.cpu ?? null,
      memory: task.memory ?? null,
      desiredStatus: task.desiredStatus ?? null,
      healthStatus: task.healthStatus ?? null,
      availabilityZone: task.availabilityZone ?? null,
      privateIp: privateIpOf(task),
      startedAt: iso(task.startedAt),
      stoppedAt: iso(task.stoppedAt),
      stopCode: task.stopCode ?? null,
      stoppedReason: task.stoppedReason ?? null,
      containers: (task.containers ?? []).map(mapContainer),
    },
  });
}
