import {
  CcxError,
  COMPUTE_TYPES,
  resourceUid,
  type Logger,
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
import {
  listMetricsPerResource,
  type MetricsSliceQuery,
  type ResourceSeries,
} from './monitor-per-resource';

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
 * Statuses with which Azure refuses the subscription-scope call itself: a cloud or API version
 * without it (400, 404), or a role that does not grant it at subscription scope (403) while it
 * may grant each VM. 429 and 5xx are retried by the client's pipeline and then fail as before.
 */
const REFUSED_STATUSES = new Set([400, 403, 404]);

function refusalOf(error: unknown): { status: number; azureCode: string | null } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || !REFUSED_STATUSES.has(statusCode)) return null;
  return { status: statusCode, azureCode: typeof code === 'string' ? code : null };
}

const timeOf = (point: MetricPoint): number =>
  point.timeStamp instanceof Date
    ? point.timeStamp.getTime() / 1000
    : typeof point.timeStamp === 'string'
      ? Date.parse(point.timeStamp) / 1000
      : NaN;

/**
 * Azure Monitor metrics of VMs, batched: one subscription-scope call per region, chunk of VMs
 * and time slice, carrying every requested metric and aggregation at once; each series is told
 * apart by its `microsoft.resourceid` metadata and yielded whole after its last slice.
 *
 * Where Azure refuses that call (see `REFUSED_STATUSES`), the chunk is read again with one
 * `Metrics - List` per VM, a few at a time, and the subscription × region is remembered for
 * the connection's lifetime (logged once) so later fetches go there straight away. A refusal
 * is remembered only once the per-VM call has answered, so a request both calls refuse fails
 * as it is without switching the scope over.
 */
export function vmMetrics(clients: ArmClients, logger: Logger): Metrics {
  /** `subscription region` keys whose subscription-scope call Azure refused. */
  const refused = new Set<string>();

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
    const scopeKey = `${scope.account.toLowerCase()} ${scope.region.toLowerCase()}`;
    // Points on the period grid inside [start, end): an unaligned start begins at the next slot.
    const first = Math.ceil(request.start.getTime() / 1000 / period) * period;
    const end = request.end.getTime() / 1000;

    /**
     * The series `read` answers over the whole window, split into time slices that each keep
     * `idsPerCall` VMs' values within VALUES_PER_CALL.
     */
    const readChunk = async (
      idsPerCall: number,
      read: (query: MetricsSliceQuery) => Promise<ResourceSeries[]>,
    ): Promise<Map<string, { timestamps: number[]; values: number[] }>> => {
      const slotsPerCall = Math.max(1, Math.floor(VALUES_PER_CALL / (idsPerCall * metrics.length)));
      const collected = new Map<string, { timestamps: number[]; values: number[] }>();
      for (let from = first; from < end; from += slotsPerCall * period) {
        const to = Math.min(end, from + slotsPerCall * period);
        const answered = await read({
          timespan: `${new Date(from * 1000).toISOString()}/${new Date(to * 1000).toISOString()}`,
          interval,
          metricNames: names.join(','),
          aggregation: aggregations.join(','),
          metricNamespace: 'Microsoft.Compute/virtualMachines',
        });
        for (const metric of metrics) {
          const { name, aggregation } = VM_METRICS[metric];
          for (const series of answered) {
            if (series.name.toLowerCase() !== name.toLowerCase()) continue;
            const uid = byId.get(series.id.toLowerCase());
            if (!uid) continue;
            const key = `${uid} ${metric}`;
            const into = collected.get(key) ?? { timestamps: [], values: [] };
            collected.set(key, into);
            for (const point of series.data) {
              const value = point[aggregation];
              const at = timeOf(point);
              if (typeof value !== 'number' || !Number.isFinite(at) || at < from || at >= to)
                continue;
              into.timestamps.push(Math.floor(at));
              into.values.push(value);
            }
          }
        }
      }
      return collected;
    };

    const batch = (chunk: string[]) => async (query: MetricsSliceQuery) => {
      const response = await listMetricsAtSubscriptionScope(
        client,
        scope.account,
        scope.region,
        {
          ...query,
          filter: chunk.map((id) => `Microsoft.ResourceId eq '${id}'`).join(' or '),
          top: chunk.length,
          resultType: 'Data',
          autoAdjustTimegrain: false,
        },
        options?.signal,
      );
      return response.value.flatMap((metric) =>
        metric.timeseries.flatMap((series): ResourceSeries[] => {
          const id = series.metadatavalues.find(
            (m) => m.name.value.toLowerCase() === 'microsoft.resourceid',
          )?.value;
          return id ? [{ id, name: metric.name.value, data: series.data }] : [];
        }),
      );
    };
    // VMs the per-VM call found gone or unreadable, by status: said once for the whole fetch.
    const skipped = new Map<number, Set<string>>();
    const skip = (id: string, status: number) => {
      const ids = skipped.get(status) ?? new Set<string>();
      skipped.set(status, ids.add(id.toLowerCase()));
    };
    const perResource = (chunk: string[]) => (query: MetricsSliceQuery) =>
      listMetricsPerResource(client, chunk, query, options?.signal, skip);

    for (let i = 0; i < ids.length; i += VMS_PER_CALL) {
      const chunk = ids.slice(i, i + VMS_PER_CALL);
      let collected: Map<string, { timestamps: number[]; values: number[] }> | null = null;
      let refusal: { status: number; azureCode: string | null } | null = null;
      if (!refused.has(scopeKey)) {
        try {
          collected = await readChunk(chunk.length, batch(chunk));
        } catch (error) {
          refusal = refusalOf(error);
          if (!refusal)
            throw fromArmError(error, `Reading Azure Monitor metrics of ${scope.region}`);
        }
      }
      if (!collected) {
        try {
          collected = await readChunk(1, perResource(chunk));
        } catch (error) {
          throw fromArmError(error, `Reading Azure Monitor metrics of ${scope.region} per VM`);
        }
        if (refusal && !refused.has(scopeKey)) {
          refused.add(scopeKey);
          logger.warn(
            {
              subscription: scope.account,
              region: scope.region,
              status: refusal.status,
              azureCode: refusal.azureCode,
            },
            'Azure Monitor refused the subscription-scope metrics call; this subscription and region are read per VM from now on',
          );
        }
      }
      // Whole series only, once every slice of the window is in.
      for (const [key, series] of collected) {
        const [uid = '', metric] = key.split(' ') as [string, VmMetric];
        yield { uid, metric, periodSeconds: period, ...series };
      }
    }
    if (skipped.size > 0)
      logger.warn(
        {
          subscription: scope.account,
          region: scope.region,
          vms: Object.fromEntries([...skipped].map(([status, vms]) => [status, vms.size])),
        },
        'Azure Monitor could not read some VMs one by one (404: deleted since the last sync, 403: not readable); they have no metrics this time',
      );
  }

  return {
    types: [COMPUTE_TYPES.azureVm],
    metricsFor: (type) => (type === COMPUTE_TYPES.azureVm ? VM_METRIC_NAMES : []),
    fetch,
  };
}
