import type { RegisterTaskDefinitionCommandInput, TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import { CcxError, taskDefinitionChangeSchema, type TaskDefinitionChange } from '@ccx/core';

export function parseTaskDefinitionChange(change: TaskDefinitionChange): TaskDefinitionChange {
  const parsed = taskDefinitionChangeSchema.safeParse(change);
  if (!parsed.success) {
    throw new CcxError('invalid_input', parsed.error.issues[0]?.message ?? 'invalid change', {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) },
    });
  }
  return parsed.data;
}

/**
 * The RegisterTaskDefinition input for the next revision: every registrable field of the
 * current revision, with only the changed ones replaced. A container the change names that
 * the definition does not have, and a change that would register the current revision again,
 * are refused before anything is registered: this is read from the live revision, so a change
 * made outside ccx since the last sync is judged as ECS has it now.
 */
export function nextRevisionInput(
  current: TaskDefinition,
  tags: readonly Tag[] | undefined,
  change: TaskDefinitionChange,
): RegisterTaskDefinitionCommandInput {
  const containers = current.containerDefinitions ?? [];
  const names = new Set(containers.map((container) => container.name));
  const unknown = Object.keys(change.images ?? {}).filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw new CcxError(
      'invalid_input',
      `The task definition has no container ${unknown.join(', ')}`,
      {
        details: { containers: [...names] },
      },
    );
  }
  const images = change.images ?? {};
  const imageOf = (name: string | undefined): string | undefined =>
    name !== undefined && Object.hasOwn(images, name) ? images[name] : undefined;
  const changes =
    containers.some((c) => {
      const image = imageOf(c.name);
      return image !== undefined && image !== c.image;
    }) ||
    (change.cpu !== undefined && change.cpu !== current.cpu) ||
    (change.memory !== undefined && change.memory !== current.memory);
  if (!changes)
    throw new CcxError(
      'invalid_input',
      'Nothing would change: the task definition already has these values',
    );
  return {
    family: current.family,
    taskRoleArn: current.taskRoleArn,
    executionRoleArn: current.executionRoleArn,
    networkMode: current.networkMode,
    containerDefinitions: containers.map((container) => {
      const image = imageOf(container.name);
      return image === undefined ? container : { ...container, image };
    }),
    volumes: current.volumes,
    placementConstraints: current.placementConstraints,
    requiresCompatibilities: current.requiresCompatibilities,
    cpu: change.cpu ?? current.cpu,
    memory: change.memory ?? current.memory,
    pidMode: current.pidMode,
    ipcMode: current.ipcMode,
    proxyConfiguration: current.proxyConfiguration,
    inferenceAccelerators: current.inferenceAccelerators,
    ephemeralStorage: current.ephemeralStorage,
    runtimePlatform: current.runtimePlatform,
    enableFaultInjection: current.enableFaultInjection,
    ...(tags && tags.length > 0 ? { tags: [...tags] } : {}),
  };
}
