import { z } from 'zod';
import type { JsonOperationContext } from '../aws/json-router';
import { isValidFamily, taskDefinitionArn } from './arns';
import type { EcsEstate } from './ecs-estate';
import { clientException, parseInput } from './ecs-errors';
import { ecsContext, findTaskDefinition } from './lookup';
import type { ContainerDefinitionRecord, LaunchType, TaskDefinitionRecord } from './records';
import { renderTags, renderTaskDefinition } from './render';

const tagSchema = z.object({ key: z.string(), value: z.string().default('') });

const describeInput = z.object({
  taskDefinition: z.string().optional(),
  include: z.array(z.string()).optional(),
});

const registerInput = z.object({
  family: z.string().optional(),
  containerDefinitions: z
    .array(
      z.object({
        name: z.string().optional(),
        image: z.string().optional(),
        cpu: z.number().int().optional(),
        memory: z.number().int().optional(),
        essential: z.boolean().optional(),
        portMappings: z
          .array(
            z.object({
              containerPort: z.number().int().optional(),
              hostPort: z.number().int().optional(),
              protocol: z.enum(['tcp', 'udp']).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  cpu: z.string().optional(),
  memory: z.string().optional(),
  networkMode: z.enum(['awsvpc', 'bridge', 'host', 'none']).optional(),
  requiresCompatibilities: z.array(z.enum(['EC2', 'FARGATE'])).optional(),
  tags: z.array(tagSchema).optional(),
});

/** CPU units → memory MiB Fargate accepts with them. */
const FARGATE_MEMORY: Record<string, (memory: number) => boolean> = {
  '256': (m) => [512, 1024, 2048].includes(m),
  '512': (m) => m >= 1024 && m <= 4096 && m % 1024 === 0,
  '1024': (m) => m >= 2048 && m <= 8192 && m % 1024 === 0,
  '2048': (m) => m >= 4096 && m <= 16_384 && m % 1024 === 0,
  '4096': (m) => m >= 8192 && m <= 30_720 && m % 1024 === 0,
};

export function describeTaskDefinition(
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
) {
  const input = parseInput(describeInput, ctx.input);
  if (!input.taskDefinition) throw clientException('Task Definition can not be blank.');
  const definition = findTaskDefinition(
    ecsContext(estate, transitionMs, ctx),
    input.taskDefinition,
  );
  if (!definition) throw clientException('Unable to describe task definition.');
  return {
    taskDefinition: renderTaskDefinition(definition),
    ...((input.include ?? []).includes('TAGS') ? { tags: renderTags(definition.tags) } : {}),
  };
}

/**
 * RegisterTaskDefinition: the next revision of the family (the first when it is new). The
 * checks ECS makes for Fargate — awsvpc networking and a supported CPU / memory pair — are
 * made before anything is stored.
 */
export function registerTaskDefinition(
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
) {
  const input = parseInput(registerInput, ctx.input);
  const family = input.family ?? '';
  if (!isValidFamily(family)) {
    throw clientException(
      'Family contains invalid characters or is longer than 255 characters: letters, numbers, hyphens and underscores are allowed.',
    );
  }
  const definitions = input.containerDefinitions ?? [];
  if (definitions.length === 0) throw clientException('Container list cannot be empty.');
  const containers: ContainerDefinitionRecord[] = definitions.map((container) => {
    if (!container.name) throw clientException('Container.name should not be null or empty.');
    if (!container.image) throw clientException('Container.image should not be null or empty.');
    return {
      name: container.name,
      image: container.image,
      cpu: container.cpu ?? 0,
      memory: container.memory ?? null,
      essential: container.essential ?? true,
      portMappings: (container.portMappings ?? []).map((mapping) => ({
        containerPort: mapping.containerPort ?? 0,
        hostPort: mapping.hostPort ?? mapping.containerPort ?? 0,
        protocol: mapping.protocol ?? 'tcp',
      })),
    };
  });
  if (new Set(containers.map((c) => c.name)).size !== containers.length) {
    throw clientException('Container names must be unique within a task definition.');
  }
  const requires: LaunchType[] = input.requiresCompatibilities ?? [];
  const networkMode = input.networkMode ?? 'bridge';
  if (requires.includes('FARGATE')) {
    if (networkMode !== 'awsvpc')
      throw clientException("Fargate only supports network mode 'awsvpc'.");
    const fits = input.cpu !== undefined && FARGATE_MEMORY[input.cpu];
    if (!fits || input.memory === undefined || !fits(Number(input.memory))) {
      throw clientException(
        `No Fargate configuration exists for given values: ${input.cpu ?? '?'} CPU, ${input.memory ?? '?'} memory.`,
      );
    }
  }
  const ecs = ecsContext(estate, transitionMs, ctx);
  const revision = (ecs.scope.taskDefinitions.get(family)?.length ?? 0) + 1;
  const record: TaskDefinitionRecord = {
    family,
    revision,
    arn: taskDefinitionArn(ecs.scope.key, family, revision),
    cpu: input.cpu ?? null,
    memory: input.memory ?? null,
    networkMode,
    requiresCompatibilities: requires,
    containers,
    registeredAt: ctx.now,
    registeredBy: ctx.principal.arn,
    tags: (input.tags ?? []).map((tag) => ({ key: tag.key, value: tag.value })),
  };
  ecs.scope.addTaskDefinition(record);
  return { taskDefinition: renderTaskDefinition(record), tags: renderTags(record.tags) };
}
