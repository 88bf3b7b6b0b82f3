/**
 * A full compute sync with metrics: 10,000 EC2 instances (one account, four regions) through
 * the AWS provider (official SDK, EC2 + CloudWatch) into an SQLite store, against the sandbox
 * in a child process with 50 ms of latency on every request.
 *
 * Figures, for a first sync (no metrics stored: the whole 14-day window of hourly points) and
 * a second, incremental one right after it:
 * - API calls by service and operation (the sandbox's counters), against the baseline of one
 *   call per instance (a GetMetricData per instance, all its metrics in one call; the listing
 *   pages are counted on our side but not in the baseline, which understates the ratio). The
 *   ratio baseline ÷ (DescribeInstances + GetMetricData calls) should be ≥ 50. A second, naive
 *   baseline is printed too: a DescribeInstances per instance plus a GetMetricStatistics per
 *   instance and synced metric (what a tool that asks about one thing at a time sends).
 * - Wall time against a lower bound: the round trips that must follow one another, times the
 *   latency. Regions are independent jobs that run side by side, so the critical path is one
 *   region's: its DescribeInstances pages, one after the other (each needs the previous
 *   page's token), then its GetMetricData calls, of which the provider keeps
 *   CALL_CONCURRENCY in flight, so ⌈calls ÷ CALL_CONCURRENCY⌉ sequential rounds; plus the
 *   calls before any job (account discovery). lower bound = (discovery + pages +
 *   ⌈calls ÷ concurrency⌉) × latency, counted from the calls the sandbox actually received.
 *   Everything else (volumes, addresses, ECS, S3) runs beside the instance jobs.
 * - CPU time of this (the syncing) process over each sync, user + system: on a shared machine
 *   it is steadier than wall time, and the gap between them is time spent waiting.
 * - Time spent in store writes (inventory and metric series, measured around the sinks),
 *   series and points written, and the peak resident memory of this process.
 *
 * Options: `--instances N` (default 10000), `--regions N` (default 4), `--latency MS`
 * (default 50).
 */
import { SYNCED_METRICS } from '@ccx/core';
import { withComputeSandbox, type ComputeSandbox } from './support/compute-sandbox';
import {
  measureSync,
  megabytes,
  round,
  silent,
  stopwatch,
  type MeasuredSync,
} from './support/figures';

/** GetMetricData calls the AWS metrics provider keeps in flight per fetch. */
const CALL_CONCURRENCY = 4;

/** A measured sync and the time its sinks spent writing to the store. */
interface SyncFigures extends MeasuredSync {
  inventoryStoreSeconds: number;
  metricStoreSeconds: number;
}

export function run(args: string[]): Promise<Record<string, unknown>> {
  return withComputeSandbox(args, async ({ estate, sandbox, rss }) => {
    const { instances, regionCount, latencyMs } = estate;
    const first = await syncOnce(sandbox);
    const second = await syncOnce(sandbox);
    rss.stop();
    const ec2Metrics = sandbox.connection.metrics?.metricsFor('ec2.instance') ?? [];
    const metricsPerInstance = SYNCED_METRICS.filter((metric) =>
      ec2Metrics.includes(metric),
    ).length;
    const baseline = instances;
    const naiveBaseline = instances + instances * metricsPerInstance;
    const stored = await sandbox.store.resources.counts();

    const report = (label: string, figures: SyncFigures) => {
      const { stats, summary } = figures;
      const pages = stats.byOperation['ec2:DescribeInstances'] ?? 0;
      const metricCalls = stats.byOperation['monitoring:GetMetricData'] ?? 0;
      const discovery = (stats.byOperation['sts:GetCallerIdentity'] ?? 0) > 0 ? 1 : 0;
      const rounds =
        discovery +
        Math.ceil(pages / regionCount) +
        Math.ceil(metricCalls / regionCount / CALL_CONCURRENCY);
      const lowerBound = (rounds * latencyMs) / 1000;
      // The calls that do the same work as the baseline: instances and their metrics.
      const comparable = pages + metricCalls;
      console.log(`— ${label} —`);
      console.log(
        `status               ${summary.status}; ${summary.resources.listed} resources listed`,
      );
      console.log(`API calls            ${stats.total} in all`);
      for (const [operation, count] of Object.entries(stats.byOperation).sort())
        console.log(`  ${operation.padEnd(34)} ${count}`);
      console.log(`baseline             ${baseline} (one call per instance)`);
      console.log(
        `ratio                ${(baseline / comparable).toFixed(1)}× fewer (${comparable} DescribeInstances + GetMetricData calls); ${(baseline / stats.total).toFixed(1)}× counting every call of the sync (ECS, S3, volumes…)`,
      );
      console.log(
        `naive baseline       ${naiveBaseline} (${instances} DescribeInstances + ${instances} × ${metricsPerInstance} GetMetricStatistics): ${(naiveBaseline / comparable).toFixed(0)}× fewer`,
      );
      console.log(`wall time            ${figures.wallSeconds.toFixed(2)} s`);
      console.log(
        `CPU time             ${figures.cpuSeconds.toFixed(2)} s (this process, user + system)`,
      );
      console.log(
        `lower bound          ${lowerBound.toFixed(2)} s ((${discovery} + ${Math.ceil(pages / regionCount)} pages + ⌈${metricCalls / regionCount} calls ÷ ${CALL_CONCURRENCY}⌉) × ${latencyMs} ms)`,
      );
      console.log(`wall ÷ lower bound   ${(figures.wallSeconds / lowerBound).toFixed(1)}`);
      console.log(
        `store writes         ${figures.inventoryStoreSeconds.toFixed(2)} s inventory, ${figures.metricStoreSeconds.toFixed(2)} s metric series`,
      );
      console.log(
        `metrics              ${summary.metrics.series} series, ${summary.metrics.points} points, ${summary.metrics.failed} resources failed`,
      );
      return {
        status: summary.status,
        calls: stats.total,
        byOperation: stats.byOperation,
        ratio: round(baseline / comparable),
        ratioAllCalls: round(baseline / stats.total),
        ratioNaive: round(naiveBaseline / comparable),
        wallSeconds: round(figures.wallSeconds),
        lowerBoundSeconds: round(lowerBound),
        wallOverLowerBound: round(figures.wallSeconds / lowerBound),
        cpuSeconds: round(figures.cpuSeconds),
        inventoryStoreSeconds: round(figures.inventoryStoreSeconds),
        metricStoreSeconds: round(figures.metricStoreSeconds),
        series: summary.metrics.series,
        points: summary.metrics.points,
      };
    };
    const firstFigures = report('first sync (14 days of metrics)', first);
    const secondFigures = report('second sync (incremental)', second);
    console.log(`instances            ${sandbox.instances} in the sandbox`);
    console.log(
      `peak RSS             ${megabytes(rss.peak())} MB (this process; the sandbox runs apart)`,
    );
    if (first.summary.status !== 'succeeded' || second.summary.status !== 'succeeded') {
      throw new Error(`expected clean syncs, got ${first.summary.status}/${second.summary.status}`);
    }
    if (first.summary.metrics.series === 0 || first.summary.metrics.failed > 0) {
      throw new Error(
        `expected metrics for every instance, got ${JSON.stringify(first.summary.metrics)}`,
      );
    }
    return {
      instances,
      baseline,
      naiveBaseline,
      storedResources: stored.total,
      first: firstFigures,
      second: secondFigures,
      peakRssMb: megabytes(rss.peak()),
    };
  });
}

/** One sync with the sinks timed, and the sandbox's counters of exactly that sync. */
async function syncOnce({ store, connection, url }: ComputeSandbox): Promise<SyncFigures> {
  const inventoryWrites = stopwatch();
  const metricWrites = stopwatch();
  const measured = await measureSync(
    {
      connections: [connection],
      sink: {
        applyBatch: (input) => inventoryWrites.timed(() => store.resources.applyBatch(input)),
        completeListing: (input) =>
          inventoryWrites.timed(() => store.resources.completeListing(input)),
      },
      metrics: {
        latest: (query) => metricWrites.timed(() => store.metricSeries.latest(query)),
        merge: (input) => metricWrites.timed(() => store.metricSeries.merge(input)),
      },
      runs: store.syncRuns,
      logger: silent,
      // Every job of every region at once: the bound is the sandbox's latency, not the queue.
      limits: { maxConcurrentJobs: 64, perProvider: 64 },
    },
    url,
  );
  return {
    ...measured,
    inventoryStoreSeconds: inventoryWrites.seconds(),
    metricStoreSeconds: metricWrites.seconds(),
  };
}
