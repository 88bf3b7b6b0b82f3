import type { Logger, MetricName } from '@ccx/core';
import {
  ANALYSED_TYPES,
  analyzeCompute,
  COMPUTE_FINDING_KINDS,
  type ComputeFinding,
  type ComputeResourceFacts,
  type IdlePreset,
  type ResourceSeries,
  type RightsizingPolicy,
  type RightsizingPreset,
} from '@ccx/insights';
import type { Store } from '@ccx/store';
import { metricWindow, type SyncService } from '@ccx/sync';
import { afterEachSync, type AfterSyncTask } from './after-sync';

/** `runNow` analyses every compute resource (or right after the pass in progress). */
export type ComputeAnalysis = AfterSyncTask;

/** Metrics the analysis reads; the sync stores hourly points of these. */
const METRICS: readonly MetricName[] = ['cpu', 'cpuMax', 'memory', 'networkIn', 'networkOut'];
/** Types whose stored series the analysis reads (volumes and addresses have none). */
const WITH_SERIES: ReadonlySet<string> = new Set(['ec2.instance', 'azure.vm', 'ecs.service']);
const ALL_KINDS = Object.values(COMPUTE_FINDING_KINDS);
const PAGE = 1000;

const pairKey = (uid: string, kind: string) => JSON.stringify([uid, kind]);

/**
 * Compute analysis in the background: after each sync run that completed (fully or partly)
 * and on demand, every live compute resource in the store is analysed with its stored metric
 * series (rightsizing, idle and waste, off-hours schedules, ECS scaling) and the findings of
 * each (resource, kind) are replaced; a kind that no longer applies to a resource, or a
 * resource gone from the inventory, has its findings cleared. Pure analysis over the store:
 * no provider is called. A failing write is logged and the pass goes on; requests during a
 * pass coalesce into one more pass after it; nothing throws into the server.
 */
export function scheduleComputeAnalysis(deps: {
  store: Store;
  sync: SyncService;
  logger: Logger;
  /** Rightsizing preset or policy; default Compute Optimizer's. */
  preset?: RightsizingPreset | RightsizingPolicy;
  /** Idle rule for every machine; default each provider's own. */
  idlePreset?: IdlePreset;
  /** Clock for the analysis window; default the wall clock. */
  now?: () => Date;
  /** Resources analysed (and series read) at a time; default 100. */
  sliceSize?: number;
}): ComputeAnalysis {
  const { store, logger } = deps;
  const sliceSize = Math.max(1, deps.sliceSize ?? 100);

  async function liveResources(): Promise<ComputeResourceFacts[]> {
    const resources: ComputeResourceFacts[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.resources.query({ type: ANALYSED_TYPES, offset, limit: PAGE });
      resources.push(...page.items);
      if (page.items.length < PAGE || resources.length >= page.total) return resources;
    }
  }

  async function seriesOf(slice: readonly ComputeResourceFacts[]) {
    const uids = slice.filter((r) => WITH_SERIES.has(r.type)).map((r) => r.uid);
    const byUid = new Map<string, ResourceSeries>();
    if (uids.length === 0) return byUid;
    for (const row of await store.metricSeries.list({ uids, metrics: METRICS })) {
      const entry = byUid.get(row.uid) ?? {};
      entry[row.metric] = row;
      byUid.set(row.uid, entry);
    }
    return byUid;
  }

  /** Replaces the findings of each (resource, kind); resolves with the writes that failed. */
  async function write(
    pairs: Iterable<{ uid: string; kind: string; findings: ComputeFinding[] }>,
    stop: AbortSignal,
  ) {
    let failed = 0;
    for (const { uid, kind, findings } of pairs) {
      if (stop.aborted) return failed;
      try {
        await store.findings.replaceForResource({
          kind,
          resourceUid: uid,
          findings: findings.map((finding) => ({
            severity: finding.severity,
            subject: finding.subject,
            title: finding.title,
            evidence: finding.evidence,
            estimatedMonthlyImpact: finding.estimatedMonthlyImpact,
          })),
        });
      } catch (error) {
        failed += 1;
        logger.warn(
          { err: error, resourceUid: uid, kind },
          'compute findings could not be written',
        );
      }
    }
    return failed;
  }

  async function pass(stop: AbortSignal): Promise<void> {
    const resources = await liveResources();
    // Pairs that hold findings now: each is rewritten, or cleared when nothing applies any more.
    const stored = new Map<string, { uid: string; kind: string }>();
    for (const finding of await store.findings.list({ kind: ALL_KINDS }))
      stored.set(pairKey(finding.resourceUid, finding.kind), {
        uid: finding.resourceUid,
        kind: finding.kind,
      });
    const now = deps.now?.() ?? new Date();
    let total = 0;
    let failed = 0;
    // In slices: the series of one slice are in memory at a time, and the event loop gets a
    // turn between slices, so a large estate never holds up requests for the whole pass.
    for (let i = 0; i < resources.length; i += sliceSize) {
      if (stop.aborted) return;
      const slice = resources.slice(i, i + sliceSize);
      const series = await seriesOf(slice);
      const findings = analyzeCompute({
        resources,
        forUids: new Set(slice.map((r) => r.uid)),
        series: (uid) => series.get(uid) ?? {},
        now,
        ...(deps.preset !== undefined ? { preset: deps.preset } : {}),
        ...(deps.idlePreset !== undefined ? { idlePreset: deps.idlePreset } : {}),
      });
      total += findings.length;
      const next = new Map<string, { uid: string; kind: string; findings: ComputeFinding[] }>();
      for (const finding of findings) {
        const key = pairKey(finding.resourceUid, finding.kind);
        const entry = next.get(key) ?? {
          uid: finding.resourceUid,
          kind: finding.kind,
          findings: [],
        };
        entry.findings.push(finding);
        next.set(key, entry);
      }
      for (const resource of slice)
        for (const kind of ALL_KINDS) {
          const key = pairKey(resource.uid, kind);
          if (stored.has(key) && !next.has(key))
            next.set(key, { uid: resource.uid, kind, findings: [] });
          stored.delete(key);
        }
      failed += await write(next.values(), stop);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // What is left held findings for resources no longer in the inventory.
    failed += await write(
      [...stored.values()].map((pair) => ({ ...pair, findings: [] })),
      stop,
    );
    // Their metric series go too: only a complete listing deletes a resource, so this never
    // takes the history of one a partial sync merely missed.
    let pruned = 0;
    try {
      pruned = await store.metricSeries.pruneOrphans();
    } catch (error) {
      logger.warn({ err: error }, 'metric series of deleted resources could not be pruned');
    }
    // A merge trims the series it writes; series no sync writes any more (a stopped
    // instance's, a metric no longer synced) are trimmed to the window here.
    let trimmed = { trimmed: 0, deleted: 0 };
    try {
      trimmed = await store.metricSeries.trimBefore({ keepAfter: metricWindow(now).keepAfter });
    } catch (error) {
      logger.warn({ err: error }, 'metric series could not be trimmed to the window');
    }
    logger.info(
      {
        resources: resources.length,
        findings: total,
        failed,
        prunedSeries: pruned + trimmed.deleted,
        trimmedSeries: trimmed.trimmed,
      },
      'compute analysis finished',
    );
  }

  return afterEachSync('compute analysis', deps, pass);
}
