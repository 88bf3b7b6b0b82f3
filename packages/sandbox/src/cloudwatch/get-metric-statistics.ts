import type { JsonOperationContext } from '../aws/json-router';
import { catalogNamespace } from './catalog';
import { invalidParameterCombination, invalidParameterValue, validationError } from './errors';
import { pointAt, pointGrid } from './points';
import type { MetricResources } from './resources';
import { getMetricStatisticsInput, parseInput } from './schemas';
import { parseStatistic, statisticValue } from './statistics';

/** GetMetricStatistics answers at most 1,440 datapoints; more is an error, not a page. */
const MAX_STATISTICS_DATAPOINTS = 1440;

/** GetMetricStatistics: one metric, named and extended statistics per period, no paging. */
export function getMetricStatistics(resources: MetricResources, ctx: JsonOperationContext) {
  const input = parseInput(getMetricStatisticsInput, ctx.input);
  const named = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (named.length === 0 && extended.length === 0) {
    throw invalidParameterCombination(
      'Must specify either Statistics or ExtendedStatistics, but not both.',
    );
  }
  const statistics = named.map((text, i) => {
    const statistic = parseStatistic(text, `Statistics.member.${i + 1}`);
    if (statistic.kind === 'percentile') {
      throw invalidParameterValue(
        `The value ${text} for parameter Statistics.member.${i + 1} is not valid.`,
      );
    }
    return { name: text, statistic };
  });
  const percentiles = extended.map((text, i) => {
    const statistic = parseStatistic(text, `ExtendedStatistics.member.${i + 1}`);
    if (statistic.kind !== 'percentile') {
      throw invalidParameterValue(
        `The value ${text} for parameter ExtendedStatistics.member.${i + 1} is not valid.`,
      );
    }
    return { name: text, statistic };
  });
  if (input.Period % 60 !== 0 && ![1, 5, 10, 20, 30].includes(input.Period)) {
    throw invalidParameterValue(
      'The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.',
    );
  }
  if (input.StartTime >= input.EndTime) {
    throw validationError('The parameter StartTime must be less than the parameter EndTime.');
  }
  const now = Math.floor(ctx.now / 1000);
  const namespace = catalogNamespace(input.Namespace);
  const metric = namespace?.metrics[input.MetricName];
  const resource =
    namespace && metric && (input.Unit === undefined || input.Unit === metric.unit)
      ? resources.find(
          ctx.principal.accountId,
          ctx.region,
          namespace.namespace,
          new Map((input.Dimensions ?? []).map((d) => [d.Name, d.Value])),
        )
      : undefined;
  const grid = pointGrid(resource, input.StartTime, input.EndTime, input.Period, now);
  if (grid.count > MAX_STATISTICS_DATAPOINTS) {
    throw invalidParameterCombination(
      `You have requested up to ${grid.count} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const datapoints = [];
  if (resource && metric) {
    for (let position = 0; position < grid.hi - grid.lo; position++) {
      const timestamp = pointAt(grid, position, false);
      const point: Record<string, unknown> = { Timestamp: timestamp, Unit: metric.unit };
      for (const { name, statistic } of statistics) {
        point[name] = statisticValue(resource, metric, statistic, timestamp, grid.period);
      }
      if (percentiles.length > 0) {
        point['ExtendedStatistics'] = Object.fromEntries(
          percentiles.map(({ name, statistic }) => [
            name,
            statisticValue(resource, metric, statistic, timestamp, grid.period),
          ]),
        );
      }
      datapoints.push(point);
    }
  }
  return { Label: input.MetricName, Datapoints: datapoints };
}
