import type { Logger, MetricName } from '@ccx/core';
import {
  ANALYSED_TYPES,
  analyzeCompute,
  COMPUTE_FINDING_KINDS,
  type ComputeFinding,
  type ComputeResourceFacts,
  type ResourceSeries,
  type RightsizingPolicy,
  type RightsizingPreset,
} from '@ccx/insights';
import type { Store } from '@ccx/store';
import type { SyncService } from '@ccx/sync';

export interface ComputeAnalysis {
  /** Analyses every compute resource now (or right after the pass in progress). */
  runNow(): Promise<void>;
  /** Stops listening, aborts the pass in progress and waits for it to end. */
  close(): Promise<void>;
}

/** Metrics the analysis reads; the sync stores hourly points of these. */
const METRICS: readonly MetricName[] = ['cpu', 'cpuMax', 'memory', 'networkIn', 'networkOut'];
/** Types whose stored series the analysis reads (volumes and addresses have none). */
const WITH_SERIES: ReadonlySet<string> = new Set(['ec2.instance', 'azure.vm', 'ecs.service']);
const ALL_KINDS = Object.values(COMPUTE_FINDING_KINDS);
const PAGE = 1000;
const SERIES_CHUNK = 500;

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
  /** Clock for the analysis window; default the wall clock. */
  now?: () => Date;
}): ComputeAnalysis {
  const { store, logger } = deps;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;

  async function liveResources(): Promise<ComputeResourceFacts[]> {
    const resources: ComputeResourceFacts[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.resources.query({ type: ANALYSED_TYPES, offset, limit: PAGE });
      resources.push(...page.items);
      if (page.items.length < PAGE || resources.length >= page.total) return resources;
    }
  }

  async function seriesOf(resources: readonly ComputeResourceFacts[]) {
    const uids = resources.filter((r) => WITH_SERIES.has(r.type)).map((r) => r.uid);
    const byUid = new Map<string, ResourceSeries>();
    for (let i = 0; i < uids.length; i += SERIES_CHUNK) {
      const rows = await store.metricSeries.list({
        uids: uids.slice(i, i + SERIES_CHUNK),
        metrics: METRICS,
      });
      for (const row of rows) {
        const entry = byUid.get(row.uid) ?? {};
        entry[row.metric] = row;
        byUid.set(row.uid, entry);
      }
    }
    return byUid;
  }

  async function pass(): Promise<void> {
    const resources = await liveResources();
    const series = await seriesOf(resources);
    const findings = analyzeCompute({
      resources,
      series: (uid) => series.get(uid) ?? {},
      now: deps.now?.() ?? new Date(),
      ...(deps.preset !== undefined ? { preset: deps.preset } : {}),
    });

    // What to write: every (resource, kind) with findings now, plus every one that held
    // findings before and has none now (cleared, including resources no longer listed).
    const next = new Map<string, { uid: string; kind: string; findings: ComputeFinding[] }>();
    for (const finding of findings) {
      const key = pairKey(finding.resourceUid, finding.kind);
      const entry = next.get(key) ?? { uid: finding.resourceUid, kind: finding.kind, findings: [] };
      entry.findings.push(finding);
      next.set(key, entry);
    }
    for (const stored of await store.findings.list({ kind: ALL_KINDS })) {
      const key = pairKey(stored.resourceUid, stored.kind);
      if (!next.has(key))
        next.set(key, { uid: stored.resourceUid, kind: stored.kind, findings: [] });
    }

    let written = 0;
    let failed = 0;
    for (const { uid, kind, findings: list } of next.values()) {
      if (abort.signal.aborted) return;
      try {
        await store.findings.replaceForResource({
          kind,
          resourceUid: uid,
          findings: list.map((finding) => ({
            severity: finding.severity,
            subject: finding.subject,
            title: finding.title,
            evidence: finding.evidence,
            estimatedMonthlyImpact: finding.estimatedMonthlyImpact,
          })),
        });
        written += 1;
      } catch (error) {
        failed += 1;
        logger.warn(
          { err: error, resourceUid: uid, kind },
          'compute findings could not be written',
        );
      }
    }
    logger.info(
      { resources: resources.length, findings: findings.length, pairs: written, failed },
      'compute analysis finished',
    );
  }

  function runNow(): Promise<void> {
    if (abort.signal.aborted) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((error: unknown) => {
          logger.error({ err: error }, 'compute analysis failed');
        });
      } while (again && !abort.signal.aborted);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = deps.sync.subscribe((event) => {
    if (event.type === 'run.completed' && event.summary.status !== 'failed') void runNow();
  });

  return {
    runNow,
    async close() {
      unsubscribe();
      abort.abort();
      await running;
    },
  };
}
