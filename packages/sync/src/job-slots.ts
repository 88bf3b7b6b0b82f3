import type { LimitSlot } from './limiter';
import type { SyncLimits } from './options';
import type { SyncJob } from './types';

/** The service half of a `service.kind` type: `ec2` for `ec2.instance`. */
export function serviceOf(type: string): string {
  return type.split('.')[0] ?? type;
}

/** The three limits a job holds while it runs; see `syncLimitsSchema` for why these keys. */
export function jobSlots(job: SyncJob, limits: SyncLimits): LimitSlot[] {
  const service = serviceOf(job.type);
  return [
    { key: 'run', limit: limits.maxConcurrentJobs },
    {
      key: `provider:${job.provider}`,
      limit: limits.providers[job.provider] ?? limits.perProvider,
    },
    {
      key: `api:${job.provider}:${service}:${job.account}:${job.region}`,
      limit: limits.apis[`${job.provider}:${service}`] ?? limits.perApi,
    },
  ];
}
