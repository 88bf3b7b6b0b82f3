import type { SandboxMetric } from '../metrics/model';

/** What a CloudWatch metric name reads from the model, and the unit AWS reports it in. */
export interface CatalogMetric {
  /** `null`: the metric exists but is always zero (instance-store disks on EBS-only machines). */
  source: SandboxMetric | null;
  unit: 'Percent' | 'Bytes';
}

/** One namespace: its metrics and the one dimension set the sandbox publishes them under. */
export interface CatalogNamespace {
  namespace: string;
  /** Dimension names in the order ListMetrics reports them. */
  dimensions: readonly string[];
  metrics: Readonly<Record<string, CatalogMetric>>;
}

/**
 * The per-resource metrics AWS publishes for the resources the sandbox holds. `DiskRead*` are
 * instance-store metrics: AWS reports them as zero for EBS-only instances, which all sandbox
 * instances are; EBS traffic is in `EBSRead*`/`EBSWrite*`.
 */
export const CATALOG = {
  'AWS/EC2': {
    namespace: 'AWS/EC2',
    dimensions: ['InstanceId'],
    metrics: {
      CPUUtilization: { source: 'cpu', unit: 'Percent' },
      NetworkIn: { source: 'networkIn', unit: 'Bytes' },
      NetworkOut: { source: 'networkOut', unit: 'Bytes' },
      EBSReadBytes: { source: 'diskRead', unit: 'Bytes' },
      EBSWriteBytes: { source: 'diskWrite', unit: 'Bytes' },
      DiskReadBytes: { source: null, unit: 'Bytes' },
      DiskWriteBytes: { source: null, unit: 'Bytes' },
    },
  },
  'AWS/ECS': {
    namespace: 'AWS/ECS',
    dimensions: ['ClusterName', 'ServiceName'],
    metrics: {
      CPUUtilization: { source: 'cpu', unit: 'Percent' },
      MemoryUtilization: { source: 'memory', unit: 'Percent' },
    },
  },
} as const satisfies Record<string, CatalogNamespace>;

export type CatalogNamespaceName = keyof typeof CATALOG;

export function catalogNamespace(name: string): CatalogNamespace | undefined {
  return Object.hasOwn(CATALOG, name) ? CATALOG[name as CatalogNamespaceName] : undefined;
}
