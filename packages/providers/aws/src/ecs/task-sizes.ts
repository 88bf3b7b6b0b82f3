import { DescribeTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { fromEcsError } from './ecs-errors';

/** A task's CPU units and memory MiB, as ECS states them (strings); null when not set. */
export interface TaskSize {
  cpu: string | null;
  memory: string | null;
  /** Its containers' names and images, in definition order. */
  containers?: { name: string; image: string | null }[];
}

/** Enough for a large estate's revisions in use; beyond it the oldest are read again. */
const MAX_ENTRIES = 20_000;

/**
 * Task sizes by task definition ARN, for the life of a connection. A revision never changes
 * once registered, so each is read with DescribeTaskDefinition once — not once per service
 * that runs it, and not again on the next sync. Lookups of the same ARN in flight share one
 * call; a failed read is not remembered.
 */
export class TaskSizes {
  private readonly known = new Map<string, TaskSize | null>();
  private readonly reading = new Map<string, Promise<TaskSize | null>>();

  /** The size, or null for a revision ECS no longer describes (deleted). */
  get(client: ECSClient, arn: string, signal?: AbortSignal): Promise<TaskSize | null> {
    const known = this.known.get(arn);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.reading.get(arn);
    if (!pending) {
      pending = this.read(client, arn, signal).finally(() => this.reading.delete(arn));
      this.reading.set(arn, pending);
    }
    return pending;
  }

  private async read(client: ECSClient, arn: string, signal?: AbortSignal) {
    let size: TaskSize | null;
    try {
      const out = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }), {
        abortSignal: signal,
      });
      size = {
        cpu: out.taskDefinition?.cpu ?? null,
        memory: out.taskDefinition?.memory ?? null,
        containers: (out.taskDefinition?.containerDefinitions ?? []).flatMap((c) =>
          c.name ? [{ name: c.name, image: c.image ?? null }] : [],
        ),
      };
    } catch (error) {
      // A deleted revision leaves the size unknown; anything else ends the listing.
      if (fromEcsError(error, 'Reading a task definition').code !== 'invalid_input') throw error;
      size = null;
    }
    if (this.known.size >= MAX_ENTRIES) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(arn, size);
    return size;
  }
}
