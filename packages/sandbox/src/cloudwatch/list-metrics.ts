import { createHash } from 'node:crypto';
import type { JsonOperationContext } from '../aws/json-router';
import { CATALOG } from './catalog';
import { invalidNextToken } from './errors';
import type { Dimension, MetricResources } from './resources';
import { listMetricsInput, parseInput } from './schemas';

/** ListMetrics pages hold up to 500 metrics, as on AWS. */
const PAGE_SIZE = 500;
/** Metrics without a datapoint for two weeks drop out of ListMetrics; `PT3H` narrows to 3 hours. */
const LISTED_FOR_SECONDS = 14 * 86_400;
const RECENT_SECONDS = 3 * 3600;

interface ListedMetric {
  Namespace: string;
  MetricName: string;
  Dimensions: readonly Dimension[];
}

/**
 * ListMetrics: the metrics of the caller's resources in the signed region, filtered by
 * namespace, name and dimensions (a filter without a value matches any value), in a stable
 * order so a NextToken (an offset bound to the filter) pages it.
 */
export function listMetrics(resources: MetricResources, ctx: JsonOperationContext) {
  const input = parseInput(listMetricsInput, ctx.input);
  const now = Math.floor(ctx.now / 1000);
  const since = now - (input.RecentlyActive === 'PT3H' ? RECENT_SECONDS : LISTED_FOR_SECONDS);
  const matches: ListedMetric[] = [];
  for (const resource of resources.list(ctx.principal.accountId, ctx.region)) {
    if (resource.until !== null && resource.until < since) continue;
    if (resource.from > now) continue;
    if (input.Namespace !== undefined && input.Namespace !== resource.namespace) continue;
    const filters = input.Dimensions ?? [];
    const dimensionsMatch = filters.every((filter) =>
      resource.dimensions.some(
        (d) => d.Name === filter.Name && (filter.Value === undefined || d.Value === filter.Value),
      ),
    );
    if (!dimensionsMatch) continue;
    for (const name of Object.keys(CATALOG[resource.namespace].metrics)) {
      if (input.MetricName !== undefined && input.MetricName !== name) continue;
      matches.push({
        Namespace: resource.namespace,
        MetricName: name,
        Dimensions: resource.dimensions,
      });
    }
  }
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([input.Namespace, input.MetricName, input.Dimensions, input.RecentlyActive]),
    )
    .digest('base64url')
    .slice(0, 16);
  const offset = input.NextToken === undefined ? 0 : decodeOffset(input.NextToken, fingerprint);
  const page = matches.slice(offset, offset + PAGE_SIZE);
  const next = offset + page.length;
  return {
    Metrics: page,
    ...(next < matches.length
      ? { NextToken: Buffer.from(`${next}:${fingerprint}`).toString('base64url') }
      : {}),
  };
}

function decodeOffset(token: string, fingerprint: string): number {
  const [offset, bound] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const value = Number(offset);
  if (bound !== fingerprint || !Number.isSafeInteger(value) || value < 0) throw invalidNextToken();
  return value;
}
