import type { EcsEstate } from '../ecs/ecs-estate';
import type { EcsMetricService, EcsMetricSource } from './resources';

/**
 * The ECS services CloudWatch reports on, read from the ECS simulator's estate at each call so
 * services scaled or created later show up. A service scaled to zero (or deleted) has no tasks
 * and so no datapoints after its last change.
 */
export function ecsMetricSource(ecs: EcsEstate): EcsMetricSource {
  return function* services(accountId, region): Iterable<EcsMetricService> {
    for (const cluster of ecs.scope(accountId, region).clusters) {
      for (const service of cluster.services) {
        const stopped = service.status !== 'ACTIVE' || service.desiredCount === 0;
        yield {
          clusterName: cluster.name,
          serviceName: service.name,
          createdAt: service.createdAt,
          stoppedAt: stopped ? service.lastStepAt : null,
          tags: Object.fromEntries(service.tags.map((tag) => [tag.key, tag.value])),
        };
      }
    }
  };
}
