import type { JsonOperationContext } from '../aws/json-router';
import { catalogNamespace, type CatalogMetric } from './catalog';
import { invalidParameterValue, validationError } from './errors';
import { decodeDataToken, encodeDataToken, requestFingerprint } from './data-token';
import { pointAt, pointGrid, type PointGrid } from './points';
import type { MetricResources, MetricResource } from './resources';
import { getMetricDataInput, parseInput } from './schemas';
import { parseStatistic, statisticValue, type Statistic } from './statistics';

/** AWS's limits: 500 queries a call, 100,800 datapoints a response. */
export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** A query resolved against the estate: where its points lie and how each is computed. */
interface PlannedQuery {
  id: string;
  label: string;
  returnData: boolean;
  grid: PointGrid;
  resource: MetricResource | undefined;
  metric: CatalogMetric | undefined;
  statistic: Statistic;
  /** Another account's metric, without cross-account observability set up. */
  forbidden: boolean;
}

interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData' | 'Forbidden';
}

/**
 * GetMetricData: up to 500 MetricStat queries over one time range. A response carries at most
 * 100,800 datapoints (or MaxDatapoints); the NextToken then resumes exactly where it stopped,
 * possibly mid-query, and every page lists every query — `PartialData` until its last point
 * has been sent. Metric math is not evaluated by the sandbox and is refused.
 */
export function getMetricData(resources: MetricResources, ctx: JsonOperationContext) {
  const input = parseInput(getMetricDataInput, ctx.input);
  const queries = input.MetricDataQueries;
  if (queries.length === 0) {
    throw validationError('The collection MetricDataQueries must not be empty.');
  }
  if (queries.length > MAX_QUERIES) {
    throw validationError(
      `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`,
    );
  }
  if (input.StartTime >= input.EndTime) {
    throw validationError('The parameter StartTime must be less than the parameter EndTime.');
  }
  const ids = new Set<string>();
  for (const [index, query] of queries.entries()) {
    if (!QUERY_ID.test(query.Id)) {
      throw validationError(
        `The value ${JSON.stringify(query.Id)} for parameter MetricDataQueries.member.${index + 1}.Id is not valid: it must start with a lowercase letter and contain only letters, digits and underscores.`,
      );
    }
    if (ids.has(query.Id)) throw validationError(`The Id ${query.Id} is used more than once.`);
    ids.add(query.Id);
  }
  const fingerprint = requestFingerprint(input);
  const token =
    input.NextToken === undefined ? null : decodeDataToken(input.NextToken, fingerprint);
  // Every page plans against the clock of the first, so the grid cannot shift between pages.
  const now = token?.now ?? Math.floor(ctx.now / 1000);
  const plans = queries.map((query, index) =>
    plan(resources, ctx, query, index, input.StartTime, input.EndTime, now),
  );
  const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
  let budget = Math.min(input.MaxDatapoints ?? MAX_DATAPOINTS, MAX_DATAPOINTS);
  const results: MetricDataResult[] = [];
  let next: { query: number; offset: number } | null = null;
  for (const [index, query] of plans.entries()) {
    if (!query.returnData) continue;
    const result: MetricDataResult = {
      Id: query.id,
      Label: query.label,
      Timestamps: [],
      Values: [],
      StatusCode: query.forbidden ? 'Forbidden' : 'Complete',
    };
    results.push(result);
    const available = query.grid.hi - query.grid.lo;
    const start =
      token === null || index > token.query
        ? 0
        : index < token.query
          ? available
          : Math.min(token.offset, available);
    if (next !== null) {
      if (start < available) result.StatusCode = 'PartialData';
      continue;
    }
    const stop = Math.min(available, start + budget);
    for (let position = start; position < stop; position++) {
      const timestamp = pointAt(query.grid, position, descending);
      result.Timestamps.push(timestamp);
      result.Values.push(valueAt(query, timestamp));
    }
    budget -= stop - start;
    if (stop < available) {
      result.StatusCode = 'PartialData';
      next = { query: index, offset: stop };
    } else if (budget === 0 && plans.slice(index + 1).some(hasPointsLeft)) {
      next = { query: index + 1, offset: 0 };
    }
  }
  return {
    MetricDataResults: results,
    ...(next ? { NextToken: encodeDataToken({ ...next, now }, fingerprint) } : {}),
    Messages: [],
  };
}

function hasPointsLeft(query: PlannedQuery): boolean {
  return query.returnData && query.grid.hi > query.grid.lo;
}

function plan(
  resources: MetricResources,
  ctx: JsonOperationContext,
  query: ReturnType<typeof getMetricDataInput.parse>['MetricDataQueries'][number],
  index: number,
  startTime: number,
  endTime: number,
  now: number,
): PlannedQuery {
  const field = `MetricDataQueries.member.${index + 1}`;
  if (query.Expression !== undefined) {
    throw invalidParameterValue(`${field}.Expression: the sandbox does not evaluate metric math.`);
  }
  const stat = query.MetricStat;
  if (!stat) throw validationError(`${field} must have either MetricStat or Expression.`);
  const period = stat.Period;
  if (period < 60 ? ![1, 5, 10, 20, 30].includes(period) : period % 60 !== 0) {
    throw invalidParameterValue(
      `${field}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`,
    );
  }
  const statistic = parseStatistic(stat.Stat, `${field}.MetricStat.Stat`);
  const namespace = catalogNamespace(stat.Metric.Namespace ?? '');
  const metric = namespace?.metrics[stat.Metric.MetricName ?? ''];
  const forbidden = query.AccountId !== undefined && query.AccountId !== ctx.principal.accountId;
  const resource =
    namespace && metric && !forbidden && (stat.Unit === undefined || stat.Unit === metric.unit)
      ? resources.find(
          ctx.principal.accountId,
          ctx.region,
          namespace.namespace,
          new Map((stat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value])),
        )
      : undefined;
  return {
    id: query.Id,
    label: query.Label ?? stat.Metric.MetricName ?? query.Id,
    returnData: query.ReturnData ?? true,
    grid: pointGrid(resource, startTime, endTime, period, now),
    resource,
    metric,
    statistic,
    forbidden,
  };
}

function valueAt(query: PlannedQuery, timestamp: number): number {
  if (!query.resource || !query.metric) return 0;
  return statisticValue(
    query.resource,
    query.metric,
    query.statistic,
    timestamp,
    query.grid.period,
  );
}
