import type { RegisterTaskDefinitionCommandInput, TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import { CcxError, type TaskDefinitionChange } from '@ccx/core';
import { z } from 'zod';

/** Container images as registries name them: no spaces or control characters, bounded. */
const imageSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,1024}$/, 'expected a container image reference');

export const taskDefinitionChangeSchema = z
  .object({
    cpu: z
      .string()
      .regex(/^\d{1,6}$/, 'expected CPU units such as 256 or 1024')
      .optional(),
    memory: z
      .string()
      .regex(/^\d{1,7}$/, 'expected memory in MiB such as 512 or 2048')
      .optional(),
    images: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,255}$/), imageSchema).optional(),
  })
  .strict()
  .refine(
    (change) =>
      change.cpu !== undefined ||
      change.memory !== undefined ||
      Object.keys(change.images ?? {}).length > 0,
    'a task definition change names at least one of cpu, memory or images',
  );

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
 * the definition does not have is refused before anything is registered.
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
  return {
    family: current.family,
    taskRoleArn: current.taskRoleArn,
    executionRoleArn: current.executionRoleArn,
    networkMode: current.networkMode,
    containerDefinitions: containers.map((container) => {
      const image = container.name === undefined ? undefined : change.images?.[container.name];
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
