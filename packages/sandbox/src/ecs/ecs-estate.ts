import type { Prng } from '../prng';
import type { EcsScopeKey } from './arns';
import type { ClusterRecord, TaskDefinitionRecord } from './records';

const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

/** The clusters and task definitions of one account in one region. */
export class EcsScope {
  readonly clusters: ClusterRecord[] = [];
  /** Family → revisions in order (index = revision - 1). */
  readonly taskDefinitions = new Map<string, TaskDefinitionRecord[]>();

  constructor(readonly key: EcsScopeKey) {}

  cluster(name: string): ClusterRecord | undefined {
    return this.clusters.find((cluster) => cluster.name === name);
  }

  addTaskDefinition(definition: TaskDefinitionRecord): void {
    const revisions = this.taskDefinitions.get(definition.family);
    if (revisions) revisions.push(definition);
    else this.taskDefinitions.set(definition.family, [definition]);
  }

  /** The given revision, or the latest one when `revision` is null. */
  taskDefinition(family: string, revision: number | null): TaskDefinitionRecord | undefined {
    const revisions = this.taskDefinitions.get(family);
    if (!revisions) return undefined;
    return revision === null ? revisions.at(-1) : revisions[revision - 1];
  }

  taskDefinitionByArn(arn: string): TaskDefinitionRecord | undefined {
    for (const revisions of this.taskDefinitions.values()) {
      const found = revisions.find((definition) => definition.arn === arn);
      if (found) return found;
    }
    return undefined;
  }
}

/**
 * Every ECS scope of the sandbox, plus the source of the ids it invents after seeding (new
 * tasks, deployments, events). That source is seeded too, so the same calls in the same order
 * produce the same ids.
 */
export class EcsEstate {
  private readonly scopes = new Map<string, EcsScope>();

  constructor(private readonly ids: Prng) {}

  /** A scope with no clusters for an account × region the seed left empty. */
  scope(accountId: string, region: string): EcsScope {
    const key = `${accountId}/${region}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = new EcsScope({ accountId, region });
      this.scopes.set(key, scope);
    }
    return scope;
  }

  allScopes(): Iterable<EcsScope> {
    return this.scopes.values();
  }

  taskId(): string {
    return this.ids.chars(HEX, 32);
  }

  /** `ecs-svc/` and 19 digits, the form ECS gives deployment ids. */
  deploymentId(): string {
    return `ecs-svc/${this.ids.int(1, 9)}${this.ids.chars(DIGITS, 18)}`;
  }

  eventId(): string {
    return `${this.ids.chars(HEX, 8)}-${this.ids.chars(HEX, 4)}-${this.ids.chars(HEX, 4)}-${this.ids.chars(HEX, 4)}-${this.ids.chars(HEX, 12)}`;
  }

  pick<T>(items: readonly T[]): T {
    return this.ids.pick(items);
  }

  /** Number of live clusters, listed services and tasks (running, pending and stopped) in the whole estate. */
  counts(): { clusters: number; services: number; tasks: number } {
    let clusters = 0;
    let services = 0;
    let tasks = 0;
    for (const scope of this.scopes.values()) {
      for (const cluster of scope.clusters) {
        if (cluster.status !== 'ACTIVE') continue;
        clusters++;
        tasks += cluster.standaloneTasks.length + cluster.stoppedTasks.length;
        for (const service of cluster.services) {
          if (service.status !== 'INACTIVE') services++;
          for (const deployment of service.deployments) tasks += deployment.tasks.length;
        }
      }
    }
    return { clusters, services, tasks };
  }
}
