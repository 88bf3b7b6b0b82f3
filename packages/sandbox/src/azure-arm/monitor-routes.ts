import {
  profileOf,
  syntheticValue,
  type MetricProfile,
  type SandboxMetric,
} from '../metrics/model';
import { armErrors } from './arm-error';
import { jsonBody, type ArmContext, type ArmReply, type ArmRequest } from './arm-context';
import type { ArmVm } from './arm-estate';
import { viewOf } from './vm-power';

/** Azure Monitor's platform metrics of `Microsoft.Compute/virtualMachines` the sandbox serves. */
const VM_METRICS: Readonly<Record<string, { unit: 'Percent' | 'Bytes'; model: SandboxMetric }>> = {
  'percentage cpu': { unit: 'Percent', model: 'cpu' },
  'network in total': { unit: 'Bytes', model: 'networkIn' },
  'network out total': { unit: 'Bytes', model: 'networkOut' },
  'disk read bytes': { unit: 'Bytes', model: 'diskRead' },
  'disk write bytes': { unit: 'Bytes', model: 'diskWrite' },
};
const CANONICAL_NAMES: Readonly<Record<string, string>> = {
  'percentage cpu': 'Percentage CPU',
  'network in total': 'Network In Total',
  'network out total': 'Network Out Total',
  'disk read bytes': 'Disk Read Bytes',
  'disk write bytes': 'Disk Write Bytes',
};
const VM_NAMESPACE = 'microsoft.compute/virtualmachines';
const AGGREGATIONS = ['average', 'maximum', 'minimum', 'total', 'count'] as const;
type Aggregation = (typeof AGGREGATIONS)[number];
/** Grains Azure Monitor accepts, in seconds. */
const GRAINS: Readonly<Record<string, number>> = {
  PT1M: 60,
  PT5M: 300,
  PT15M: 900,
  PT30M: 1800,
  PT1H: 3600,
  PT6H: 21_600,
  PT12H: 43_200,
  P1D: 86_400,
};
/** Bounds the work of one request (points × series), as Azure bounds a query's cost. */
const MAX_POINTS = 2_000_000;
const RESOURCE_ID_FILTER = /^microsoft\.resourceid eq '([^']*)'$/i;

interface Query {
  timespan: string;
  interval: string;
  metricnames: string;
  aggregation: string;
  filter: string | null;
  top: number;
  metricnamespace: string | null;
}

function parseTimespan(text: string, now: number): { start: number; end: number } {
  const [from, to] = text.split('/');
  const start = from ? Date.parse(from) : Number.NaN;
  const end = to ? Date.parse(to) : Number.NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start)
    throw armErrors.invalidParameter(
      `Invalid timespan '${text}': expected <start>/<end> in ISO 8601.`,
    );
  return { start, end: Math.min(end, now) };
}

function parseNames(text: string): string[] {
  const names = text
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  if (names.length === 0) throw armErrors.invalidParameter('metricnames is required.');
  for (const name of names)
    if (!VM_METRICS[name])
      throw armErrors.invalidParameter(
        `Failed to find metric configuration for provider: Microsoft.Compute, resource Type: virtualMachines, metric: ${name}, Valid metrics: ${Object.values(CANONICAL_NAMES).join(',')}`,
      );
  return names;
}

function parseAggregations(text: string): Aggregation[] {
  const list = (text === '' ? 'average' : text).split(',').map((a) => a.trim().toLowerCase());
  for (const a of list)
    if (!(AGGREGATIONS as readonly string[]).includes(a))
      throw armErrors.invalidParameter(`Invalid aggregation '${a}'.`);
  return list as Aggregation[];
}

/** `Microsoft.ResourceId eq '*'`, or several `eq '<id>'` joined by `or`. Null means every one. */
function parseFilter(filter: string | null): Set<string> | null {
  if (filter === null || filter.trim() === '') return null;
  const ids = new Set<string>();
  for (const clause of filter.split(/\s+or\s+/i)) {
    const match = RESOURCE_ID_FILTER.exec(clause.trim());
    if (!match)
      throw armErrors.invalidParameter(
        `The $filter '${filter}' is not supported: filter on Microsoft.ResourceId only.`,
      );
    if (match[1] === '*') return null;
    ids.add((match[1] ?? '').toLowerCase());
  }
  return ids;
}

function values(
  profile: MetricProfile,
  metric: string,
  aggregations: Aggregation[],
  startSec: number,
  grain: number,
  running: boolean,
) {
  const { model } = VM_METRICS[metric] ?? { model: 'cpu' as const };
  const point: Record<string, number | string> = {
    timeStamp: new Date(startSec * 1000).toISOString(),
  };
  // A VM that is not running reports nothing: Azure leaves the values out.
  if (!running) return point;
  const minutes = grain / 60;
  const level = syntheticValue(profile, model, startSec, grain);
  const percent = model === 'cpu';
  for (const aggregation of aggregations) {
    if (aggregation === 'count') point.count = minutes;
    else if (aggregation === 'total') point.total = percent ? level * minutes : level;
    else if (aggregation === 'average') point.average = percent ? level : level / minutes;
    else if (aggregation === 'maximum')
      point.maximum = percent
        ? syntheticValue(profile, 'cpuMax', startSec, grain)
        : level / minutes;
    else point.minimum = percent ? level / 2 : 0;
  }
  return point;
}

function metricsReply(
  context: ArmContext,
  request: ArmRequest,
  scope: string,
  vms: ArmVm[],
  query: Query,
  region: string | null,
): ArmReply {
  const { start, end } = parseTimespan(query.timespan, request.now);
  const grain = GRAINS[query.interval.toUpperCase()];
  if (!grain)
    throw armErrors.invalidParameter(
      `Invalid interval '${query.interval}'. Supported: ${Object.keys(GRAINS).join(', ')}.`,
    );
  const names = parseNames(query.metricnames);
  const aggregations = parseAggregations(query.aggregation);
  const first = Math.floor(start / 1000 / grain) * grain;
  const points = Math.max(0, Math.ceil((end / 1000 - first) / grain));
  if (points * vms.length * names.length > MAX_POINTS)
    throw armErrors.invalidParameter(
      'The query asks for too many data points; narrow the timespan, the interval or the resources.',
    );
  const running = new Map(vms.map((vm) => [vm, viewOf(vm, request.now).power === 'running']));
  // One profile object per VM: the model caches per-hour state by profile identity.
  const profiles = new Map(
    vms.map((vm) => [vm, profileOf(vm.id.toLowerCase(), context.seed, vm.tags)]),
  );
  const value = names.map((name) => ({
    id: `${scope}/providers/Microsoft.Insights/metrics/${CANONICAL_NAMES[name]}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: CANONICAL_NAMES[name], localizedValue: CANONICAL_NAMES[name] },
    displayDescription: `${CANONICAL_NAMES[name]} of the virtual machine`,
    unit: VM_METRICS[name]?.unit,
    errorCode: 'Success',
    timeseries: vms.map((vm) => ({
      metadatavalues:
        region === null
          ? []
          : [
              {
                name: { value: 'microsoft.resourceid', localizedValue: 'microsoft.resourceid' },
                value: vm.id,
              },
            ],
      data: Array.from({ length: points }, (_, i) =>
        values(
          profiles.get(vm)!,
          name,
          aggregations,
          first + i * grain,
          grain,
          running.get(vm) ?? false,
        ),
      ),
    })),
  }));
  return {
    status: 200,
    json: {
      cost: points * vms.length * names.length,
      timespan: `${new Date(start).toISOString()}/${new Date(end).toISOString()}`,
      interval: query.interval.toUpperCase(),
      namespace: 'Microsoft.Compute/virtualMachines',
      resourceregion: region ?? vms[0]?.location ?? '',
      value,
    },
  };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function queryOf(request: ArmRequest, body: Record<string, unknown>): Query {
  const q = request.query;
  const top =
    str(body.top) ??
    (typeof body.top === 'number' ? String(body.top) : undefined) ??
    q.get('top') ??
    '10';
  if (!/^\d{1,6}$/.test(top) || Number(top) < 1)
    throw armErrors.invalidParameter(`Invalid top '${top}'.`);
  return {
    timespan: str(body.timespan) ?? q.get('timespan') ?? '',
    interval: str(body.interval) ?? q.get('interval') ?? 'PT1H',
    metricnames: str(body.metricNames) ?? q.get('metricnames') ?? '',
    aggregation: str(body.aggregation) ?? q.get('aggregation') ?? '',
    filter: str(body.filter) ?? q.get('$filter'),
    top: Number(top),
    metricnamespace: str(body.metricNamespace) ?? q.get('metricnamespace'),
  };
}

/** `GET {vmId}/providers/Microsoft.Insights/metrics`: one VM, several metrics. */
export function routeResourceMetrics(
  context: ArmContext,
  request: ArmRequest,
  vm: ArmVm,
): ArmReply {
  if (request.method !== 'GET') throw armErrors.badMethod(request.method);
  return metricsReply(context, request, vm.id, [vm], queryOf(request, {}), null);
}

/** The subscription-scope call as a cloud without it, or a caller without the role, answers. */
function refuseIfSwitchedOff(
  context: ArmContext,
  request: ArmRequest,
  sub: string,
  region: string,
): void {
  switch (context.subscriptionMetrics) {
    case 'served':
      return;
    case 'badRequest':
      throw armErrors.noRegisteredProvider(
        region,
        request.query.get('api-version') ?? '',
        'metrics',
      );
    case 'forbidden':
      throw armErrors.authorizationFailed(
        context.clientId,
        'Microsoft.Insights/metrics/read',
        `/subscriptions/${sub}/providers/Microsoft.Insights`,
      );
    case 'notFound':
      throw armErrors.noRoute(`/subscriptions/${sub}/providers/Microsoft.Insights/metrics`);
  }
}

/**
 * `GET|POST /subscriptions/{s}/providers/Microsoft.Insights/metrics?region=…`: the metrics of
 * every VM of a region (or the ones the `$filter` names), one time series per VM told apart by
 * its `microsoft.resourceid` metadata; at most `top` series per metric (default 10, as Azure).
 */
export function routeSubscriptionMetrics(
  context: ArmContext,
  request: ArmRequest,
  sub: string,
): ArmReply {
  if (request.method !== 'GET' && request.method !== 'POST')
    throw armErrors.badMethod(request.method);
  const region = request.query.get('region');
  if (!region) throw armErrors.invalidParameter('The region query parameter is required.');
  refuseIfSwitchedOff(context, request, sub, region);
  const query = queryOf(request, request.method === 'POST' ? jsonBody(request) : {});
  if (query.metricnamespace?.toLowerCase() !== VM_NAMESPACE)
    throw armErrors.invalidParameter(
      `Metric namespace '${query.metricnamespace ?? ''}' is not supported; use Microsoft.Compute/virtualMachines.`,
    );
  const ids = parseFilter(query.filter);
  const vms = [...context.estate.vms.values()]
    .filter((vm) => vm.subscriptionId === sub && vm.location === region.toLowerCase())
    .filter((vm) => ids === null || ids.has(vm.id.toLowerCase()))
    .slice(0, query.top);
  return metricsReply(context, request, `/subscriptions/${sub}`, vms, query, region.toLowerCase());
}
