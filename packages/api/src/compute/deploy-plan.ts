import type { ActionInput, ActionResult } from '@ccx/core';
import type { ActionPlan, ActionSubject } from './action-plan';
import { stringOrNull } from './resource-fields';

type DeployInput = Extract<ActionInput, { action: 'compute.deploy' }>;

export interface ContainerImage {
  name: string;
  image: string | null;
}

/**
 * The containers of a service's task definition as the inventory keeps them (`containers`
 * attribute), or null when the inventory does not know them (an older sync, a revision that
 * could not be read). They are what the store shows until the next sync, not a check.
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

/**
 * A new task-definition revision for a service. It waits until the service is stable on the
 * new revision. Whether the change names a container the definition lacks, or changes nothing,
 * is not judged here from the stored service: the store holds the revision of the last sync,
 * and a revision registered outside ccx since then would make a valid deploy look unknown or
 * empty. The provider judges both from the live revision and refuses before registering
 * anything.
 */
export function planDeploy(service: ActionSubject, input: DeployInput): ActionPlan {
  const containers = containersOf(service);
  const images = input.images ?? {};
  const change = {
    ...(Object.keys(images).length > 0 ? { images } : {}),
    ...(input.cpu === undefined ? {} : { cpu: input.cpu }),
    ...(input.memory === undefined ? {} : { memory: input.memory }),
  };
  return {
    input,
    waitFor: 'stable',
    readBack: 'describe',
    audit: { previousTaskDefinition: stringOrNull(service.attributes['taskDefinition']) },
    send: (c, ref, o) => c.registerTaskDefinitionRevision!(ref, change, o),
    attributesAfter: (result: ActionResult) => ({
      ...(stringOrNull(result.detail['taskDefinition']) === null
        ? {}
        : { taskDefinition: result.detail['taskDefinition'] }),
      ...(input.cpu === undefined ? {} : { taskCpu: input.cpu }),
      ...(input.memory === undefined ? {} : { taskMemory: input.memory }),
      ...(containers && Object.keys(images).length > 0
        ? {
            containers: containers.map((c) => ({
              name: c.name,
              image: Object.hasOwn(images, c.name) ? images[c.name]! : c.image,
            })),
          }
        : {}),
    }),
  };
}
