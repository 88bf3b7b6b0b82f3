import type { Estate } from '../estate/estate';
import type { InstanceRecord } from '../estate/instance';
import { profileOf, type MetricProfile } from '../metrics/model';
import type { CatalogNamespaceName } from './catalog';

export interface Dimension {
  Name: string;
  Value: string;
}

/**
 * A resource that publishes metrics: the model key its values come from, and the span of time
 * it has data for (epoch seconds; `until` null while it is still running).
 */
export interface MetricResource {
  namespace: CatalogNamespaceName;
  dimensions: readonly Dimension[];
  profile: MetricProfile;
  from: number;
  until: number | null;
}

/** An ECS service as CloudWatch sees it (the ECS simulator provides these). */
export interface EcsMetricService {
  clusterName: string;
  serviceName: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms after which the service has no running tasks (deleted or scaled to zero). */
  stoppedAt: number | null;
  tags: Record<string, string>;
}

/** Lists the ECS services of one account in one region. */
export type EcsMetricSource = (accountId: string, region: string) => Iterable<EcsMetricService>;

const STOPPED_STATES = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);

/**
 * Finds and lists the resources with metrics in one account × region. Only what exists there
 * has data: another account's instance id is as unknown as a made-up one. Profiles are fixed on
 * first sight, so a tag changed later does not rewrite a resource's history.
 */
export class MetricResources {
  private readonly profiles = new Map<string, MetricProfile>();
  /** First launch of each seeded instance: a restart resets `launchTime`, not its history. */
  private readonly firstLaunch = new Map<string, number>();

  constructor(
    private readonly estate: Estate,
    private readonly seed: number,
    private readonly ecs: EcsMetricSource = () => [],
  ) {
    for (const account of estate.accounts) {
      for (const region of estate.regions) {
        for (const instance of estate.instances(account.id, region)) {
          this.firstLaunch.set(instance.id, instance.launchTime);
        }
      }
    }
  }

  find(
    accountId: string,
    region: string,
    namespace: string,
    dimensions: ReadonlyMap<string, string>,
  ): MetricResource | undefined {
    if (namespace === 'AWS/EC2') {
      const id = dimensions.get('InstanceId');
      if (id === undefined || dimensions.size !== 1) return undefined;
      const instance = this.estate.find(accountId, region, id);
      return instance && this.ofInstance(instance);
    }
    if (namespace !== 'AWS/ECS') return undefined;
    const cluster = dimensions.get('ClusterName');
    const service = dimensions.get('ServiceName');
    if (cluster === undefined || service === undefined || dimensions.size !== 2) return undefined;
    for (const candidate of this.ecs(accountId, region)) {
      if (candidate.clusterName === cluster && candidate.serviceName === service) {
        return this.ofService(candidate, accountId, region);
      }
    }
    return undefined;
  }

  *list(accountId: string, region: string): Iterable<MetricResource> {
    for (const instance of this.estate.instances(accountId, region)) {
      yield this.ofInstance(instance);
    }
    for (const service of this.ecs(accountId, region)) {
      yield this.ofService(service, accountId, region);
    }
  }

  private ofInstance(instance: InstanceRecord): MetricResource {
    const first = Math.min(
      this.firstLaunch.get(instance.id) ?? instance.launchTime,
      instance.launchTime,
    );
    const stopped = STOPPED_STATES.has(instance.state);
    return {
      namespace: 'AWS/EC2',
      dimensions: [{ Name: 'InstanceId', Value: instance.id }],
      profile: this.profile(instance.id, () =>
        Object.fromEntries(instance.tags.map((tag) => [tag.key, tag.value])),
      ),
      from: Math.floor(first / 1000),
      until: stopped ? Math.floor(instance.stateChangedAt / 1000) : null,
    };
  }

  private ofService(service: EcsMetricService, accountId: string, region: string): MetricResource {
    const key = `${accountId}/${region}/${service.clusterName}/${service.serviceName}`;
    return {
      namespace: 'AWS/ECS',
      dimensions: [
        { Name: 'ClusterName', Value: service.clusterName },
        { Name: 'ServiceName', Value: service.serviceName },
      ],
      profile: this.profile(`ecs:${key}`, () => service.tags),
      from: Math.floor(service.createdAt / 1000),
      until: service.stoppedAt === null ? null : Math.floor(service.stoppedAt / 1000),
    };
  }

  private profile(key: string, tags: () => Record<string, string>): MetricProfile {
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = profileOf(key, this.seed, tags());
      this.profiles.set(key, profile);
    }
    return profile;
  }
}
