import { formatComputeUri, type ComputeActions, type MetricSeries, type Role } from '@ccx/core';
import type { StoredFinding, StoredResource } from '@ccx/store';
import type { AccountAliases } from '../accounts/aliases';
import type { ComputeEntry } from '../contract';
import { allowedActions } from './action-plan';
import { countsOf, sizeOf } from './resource-fields';

export const SPARKLINE_DAYS = 7;

/** What the list and the detail add to a stored resource, read in one query per page. */
export interface EntryContext {
  role: Role;
  computeOf(connection: string): ComputeActions | undefined;
  isBusy: (uid: string) => boolean;
  findings: ReadonlyMap<string, readonly StoredFinding[]>;
  cpu: ReadonlyMap<string, MetricSeries>;
  /** Looked up by each resource's own connection, as the resources routes do. */
  aliases: AccountAliases;
  /** Epoch seconds; the sparkline keeps the points of the last seven days before it. */
  nowSeconds: number;
}

/** Findings count, and the sum of the monthly amounts they put a price on (null when none). */
export function findingSummary(findings: readonly StoredFinding[] = []): ComputeEntry['findings'] {
  let monthlySaving: number | null = null;
  for (const finding of findings) {
    const amount = finding.estimatedMonthlyImpact?.amount;
    if (typeof amount === 'number' && Number.isFinite(amount))
      monthlySaving = (monthlySaving ?? 0) + amount;
  }
  return {
    count: findings.length,
    monthlySaving: monthlySaving === null ? null : Math.round(monthlySaving * 100) / 100,
  };
}

function sparkline(
  series: MetricSeries | undefined,
  nowSeconds: number,
): ComputeEntry['sparkline'] {
  if (!series || series.periodSeconds !== 3600) return null;
  const from = nowSeconds - SPARKLINE_DAYS * 86_400;
  const timestamps: number[] = [];
  const values: number[] = [];
  series.timestamps.forEach((at, index) => {
    const value = series.values[index];
    if (at >= from && value !== undefined && Number.isFinite(value)) {
      timestamps.push(at);
      values.push(value);
    }
  });
  if (timestamps.length === 0) return null;
  return { metric: 'cpu', periodSeconds: 3600, timestamps, values };
}

export function toEntry(resource: StoredResource, context: EntryContext): ComputeEntry {
  const busy = context.isBusy(resource.uid);
  return {
    uid: resource.uid,
    uri: formatComputeUri(resource),
    provider: resource.provider,
    account: resource.account,
    accountAlias: context.aliases.forResource(resource),
    region: resource.region,
    type: resource.type,
    id: resource.id,
    name: resource.name,
    state: resource.state,
    size: sizeOf(resource),
    ...countsOf(resource),
    tags: resource.tags,
    sparkline: sparkline(context.cpu.get(resource.uid), context.nowSeconds),
    findings: findingSummary(context.findings.get(resource.uid)),
    // A resource with an action in flight offers none until it ends (a second would be refused).
    actions: busy
      ? []
      : allowedActions(resource, context.computeOf(resource.connection), context.role),
  };
}
