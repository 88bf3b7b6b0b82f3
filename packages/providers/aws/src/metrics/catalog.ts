import { COMPUTE_TYPES, type MetricName } from '@ccx/core';

/** Where one product metric lives in CloudWatch: namespace, metric name and statistic. */
export interface CloudWatchMetric {
  namespace: 'AWS/EC2' | 'AWS/ECS';
  metricName: string;
  stat: 'Average' | 'Maximum' | 'Sum';
}

/**
 * The product's metrics per resource type. Disk traffic of an EC2 instance is its EBS traffic
 * (`EBSReadBytes`): `DiskReadBytes` counts instance-store volumes only and is zero on the
 * EBS-only machines most estates run. Memory needs the CloudWatch agent on EC2, so only ECS
 * services have it.
 */
export const CLOUDWATCH_METRICS: Readonly<
  Record<string, Partial<Record<MetricName, CloudWatchMetric>>>
> = {
  [COMPUTE_TYPES.ec2Instance]: {
    cpu: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', stat: 'Average' },
    cpuMax: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', stat: 'Maximum' },
    networkIn: { namespace: 'AWS/EC2', metricName: 'NetworkIn', stat: 'Sum' },
    networkOut: { namespace: 'AWS/EC2', metricName: 'NetworkOut', stat: 'Sum' },
    diskRead: { namespace: 'AWS/EC2', metricName: 'EBSReadBytes', stat: 'Sum' },
    diskWrite: { namespace: 'AWS/EC2', metricName: 'EBSWriteBytes', stat: 'Sum' },
  },
  [COMPUTE_TYPES.ecsService]: {
    cpu: { namespace: 'AWS/ECS', metricName: 'CPUUtilization', stat: 'Average' },
    cpuMax: { namespace: 'AWS/ECS', metricName: 'CPUUtilization', stat: 'Maximum' },
    memory: { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', stat: 'Average' },
  },
};

export const METRIC_TYPES: readonly string[] = Object.keys(CLOUDWATCH_METRICS);

export function metricsOf(type: string): readonly MetricName[] {
  const byName = Object.hasOwn(CLOUDWATCH_METRICS, type) ? CLOUDWATCH_METRICS[type] : undefined;
  return byName ? (Object.keys(byName) as MetricName[]) : [];
}
