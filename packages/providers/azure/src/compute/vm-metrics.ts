import {
  CcxError,
  COMPUTE_TYPES,
  resourceUid,
  type MetricName,
  type MetricRequest,
  type MetricSeries,
  type Metrics,
  type Scope,
} from '@ccx/core';
import type { ArmClients } from './arm-clients';
import { fromArmError } from './arm-errors';
import { parseVmId } from './arm-id';
import { listMetricsAtSubscriptionScope, type MetricPoint } from './monitor-batch';

/** Each product metric as an Azure Monitor platform metric of VMs and the aggregation read. */
const VM_METRICS = {
  cpu: { name: 'Percentage CPU', aggregation: 'average' },
  cpuMax: { name: 'Percentage CPU', aggregation: 'maximum' },
  networkIn: { name: 'Network In Total', aggregation: 'total' },
  networkOut: { name: 'Network Out Total', aggregation: 'total' },
  diskRead: { name: 'Disk Read Bytes', aggregation: 'total' },
  diskWrite: { name: 'Disk Write Bytes', aggregation: 'total' },
} as const satisfies Partial<Record<MetricName, { name: string; aggregation: keyof MetricPoint }>>;
type VmMetric = keyof typeof VM_METRICS;
const VM_METRIC_NAMES = Object.keys(VM_METRICS) as VmMetric[];

const INTERVALS: Readonly<Record<number, string>> = {
  60: 'PT1M',
  300: 'PT5M',
  3600: 'PT1H',
  86_400: 'P1D',
};
/**
 * VMs per call. The filter names each VM (`Microsoft.ResourceId eq '…' or …`) so only the
 * requested ones come back whatever else the region holds; `top` is set to the chunk size.
 */
export const VMS_PER_CALL = 50;
/**
 * Values (points × VMs × metrics) one call may carry: Monitor has no paging, so a long window
 * at a fine grain is split into time slices that each stay within this many.
 */
export const VALUES_PER_CALL = 100_000;

const isVmMetric = (metric: MetricName): metric is VmMetric => Object.hasOwn(VM_METRICS, metric);

/**
 * Azure Monitor metrics of VMs, batched: one subscription-scope call per region, chunk of VMs
 * and time slice, carrying every requested metric and aggregation at once; each series is told
 * apart by its `microsoft.resourceid` metadata and yielded whole after its last slice.
 */
export function vmMetrics(clients: ArmClients): Metrics {
  async function* fetch(
    scope: Scope,
    request: MetricRequest,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<MetricSeries> {
    const interval = INTERVALS[request.periodSeconds];
    if (!interval)
      throw new CcxError('invalid_input', `Unsupported metric period: ${request.periodSeconds} s`);
    const metrics = request.metrics.filter(isVmMetric);
    const unknown = request.metrics.filter((m) => !isVmMetric(m));
    if (unknown.length > 0)
      throw new CcxError('invalid_input', `Azure VMs have no ${unknown.join(', ')} metric`);
    if (metrics.length === 0 || request.refs.length === 0) return;
    const byId = new Map<string, string>();
    for (const ref of request.refs) {
      const vm = parseVmId(ref.id);
      if (
        ref.type !== COMPUTE_TYPES.azureVm ||
        !vm ||
        vm.subscriptionId !== scope.account.toLowerCase() ||
        ref.account !== scope.account ||
        ref.region !== scope.region
      )
        throw new CcxError(
          'invalid_input',
          `Not an Azure VM of ${scope.account}/${scope.region}: ${ref.type} ${ref.id.slice(0, 200)}`,
        );
      byId.set(ref.id.toLowerCase(), resourceUid({ ...ref, provider: 'azure' }));
    }
    const names = [...new Set(metrics.map((m) => VM_METRICS[m].name))];
    const aggregations = [...new Set(metrics.map((m) => VM_METRICS[m].aggregation))];
    const ids = [...new Set(request.refs.map((ref) => ref.id))];
    const client = clients.monitor(scope.account);
    const period = request.periodSeconds;
    // Points on the period grid inside [start, end): an unaligned start begins at the next slot.
    const first = Math.ceil(request.start.getTime() / 1000 / period) * period;
    const end = request.end.getTime() / 1000;
    for (let i = 0; i < ids.length; i += VMS_PER_CALL) {
      const chunk = ids.slice(i, i + VMS_PER_CALL);
      const slotsPerCall = Math.max(
        1,
        Math.floor(VALUES_PER_CALL / (chunk.length * metrics.length)),
      );
      const collected = new Map<string, { timestamps: number[]; values: number[] }>();
      for (let from = first; from < end; from += slotsPerCall * period) {
        const to = Math.min(end, from + slotsPerCall * period);
        let response;
        try {
          response = await listMetricsAtSubscriptionScope(
            client,
            scope.account,
            scope.region,
            {
              timespan: `${new Date(from * 1000).toISOString()}/${new Date(to * 1000).toISOString()}`,
              interval,
              metricNames: names.join(','),
              aggregation: aggregations.join(','),
              filter: chunk.map((id) => `Microsoft.ResourceId eq '${id}'`).join(' or '),
              top: chunk.length,
              metricNamespace: 'Microsoft.Compute/virtualMachines',
              resultType: 'Data',
              autoAdjustTimegrain: false,
            },
            options?.signal,
          );
        } catch (error) {
          throw fromArmError(error, `Reading Azure Monitor metrics of ${scope.region}`);
        }
        for (const metric of metrics) {
          const { name, aggregation } = VM_METRICS[metric];
          const found = response.value.find(
            (m) => m.name.value.toLowerCase() === name.toLowerCase(),
          );
          for (const series of found?.timeseries ?? []) {
            const id = series.metadatavalues.find(
              (m) => m.name.value.toLowerCase() === 'microsoft.resourceid',
            )?.value;
            const uid = id ? byId.get(id.toLowerCase()) : undefined;
            if (!uid) continue;
            const key = `${uid} ${metric}`;
            const into = collected.get(key) ?? { timestamps: [], values: [] };
            collected.set(key, into);
            for (const point of series.data) {
              const value = point[aggregation];
              const at =
                typeof point.timeStamp === 'string' ? Date.parse(point.timeStamp) / 1000 : NaN;
              if (typeof value !== 'number' || !Number.isFinite(at) || at < from || at >= to)
                continue;
              into.timestamps.push(Math.floor(at));
              into.values.push(value);
            }
          }
        }
      }
      // Whole series only, once every slice of the window is in.
      for (const [key, series] of collected) {
        const [uid = '', metric] = key.split(' ') as [string, VmMetric];
        yield { uid, metric, periodSeconds: period, ...series };
      }
    }
  }

  return {
    types: [COMPUTE_TYPES.azureVm],
    metricsFor: (type) => (type === COMPUTE_TYPES.azureVm ? VM_METRIC_NAMES : []),
    fetch,
  };
}
