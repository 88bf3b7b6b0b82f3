import { invalidInput, type ActionInput, type ActionResult } from '@ccx/core';
import type { ActionPlan, ActionSubject } from './action-plan';

type DeployInput = Extract<ActionInput, { action: 'compute.deploy' }>;

export interface ContainerImage {
  name: string;
  image: string | null;
}

/**
 * The containers of a service's task definition as the inventory keeps them (`containers`
 * attribute), or null when the inventory does not know them (an older sync, a revision that
 * could not be read): then container names are left to the provider to check.
 */
export function containersOf(service: Pick<ActionSubject, 'attributes'>): ContainerImage[] | null {
  const value = service.attributes['containers'];
  if (!Array.isArray(value)) return null;
  const out: ContainerImage[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, image } = item as Record<string, unknown>;
    if (typeof name !== 'string') continue;
    out.push({ name, image: typeof image === 'string' ? image : null });
  }
  return out;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/**
 * A new task-definition revision for a service, checked against what the inventory knows: a
 * container the definition does not have is refused, and so is a change that changes nothing.
 * It waits until the service is stable on the new revision.
 */
export function planDeploy(service: ActionSubject, input: DeployInput): ActionPlan {
  const containers = containersOf(service);
  const images = input.images ?? {};
  if (containers) {
    const names = new Set(containers.map((c) => c.name));
    const unknown = Object.keys(images).filter((name) => !names.has(name));
    if (unknown.length > 0)
      throw invalidInput(`The task definition has no container ${unknown.join(', ')}`, {
        containers: [...names],
      });
  }
  const currentImage = (name: string) => containers?.find((c) => c.name === name)?.image ?? null;
  const changes =
    Object.entries(images).some(([name, image]) => currentImage(name) !== image) ||
    (input.cpu !== undefined && input.cpu !== text(service.attributes['taskCpu'])) ||
    (input.memory !== undefined && input.memory !== text(service.attributes['taskMemory']));
  if (!changes)
    throw invalidInput('Nothing would change: the task definition already has these values');
  const change = {
    ...(Object.keys(images).length > 0 ? { images } : {}),
    ...(input.cpu === undefined ? {} : { cpu: input.cpu }),
    ...(input.memory === undefined ? {} : { memory: input.memory }),
  };
  return {
    input,
    waitFor: 'stable',
    readBack: 'describe',
    audit: { previousTaskDefinition: text(service.attributes['taskDefinition']) },
    send: (c, ref, o) => c.registerTaskDefinitionRevision!(ref, change, o),
    attributesAfter: (result: ActionResult) => ({
      ...(text(result.detail['taskDefinition']) === null
        ? {}
        : { taskDefinition: result.detail['taskDefinition'] }),
      ...(input.cpu === undefined ? {} : { taskCpu: input.cpu }),
      ...(input.memory === undefined ? {} : { taskMemory: input.memory }),
      ...(containers && Object.keys(images).length > 0
        ? {
            containers: containers.map((c) => ({ name: c.name, image: images[c.name] ?? c.image })),
          }
        : {}),
    }),
  };
}
