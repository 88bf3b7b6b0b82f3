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
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SYNCED_METRICS, type Logger } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { DEFAULT_ESTATE_REGIONS } from '@ccx/sandbox';
import { openStore, type Store } from '@ccx/store';
import { createSyncService, type SyncSummary } from '@ccx/sync';

/** GetMetricData calls the AWS metrics provider keeps in flight per fetch. */
const CALL_CONCURRENCY = 4;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface ChildReady {
  url: string;
  instances: number;
  account: { id: string; alias: string; accessKeyId: string; secretAccessKey: string };
}

interface SandboxStats {
  total: number;
  byOperation: Record<string, number>;
}

interface SyncFigures {
  summary: SyncSummary;
  stats: SandboxStats;
  wallSeconds: number;
  /** CPU time of this (the syncing) process over the sync, user + system. */
  cpuSeconds: number;
  inventoryStoreSeconds: number;
  metricStoreSeconds: number;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      instances: { type: 'string', default: '10000' },
      regions: { type: 'string', default: '4' },
      latency: { type: 'string', default: '50' },
    },
  });
  const instances = Number(values.instances);
  const regionCount = Number(values.regions);
  const latencyMs = Number(values.latency);
  const regions = DEFAULT_ESTATE_REGIONS.slice(0, regionCount);
  if (regions.length !== regionCount || instances % regionCount !== 0) {
    throw new Error(`--regions must be 1–${DEFAULT_ESTATE_REGIONS.length} and divide --instances`);
  }
  const perRegion = instances / regionCount;

  const dir = await mkdtemp(join(tmpdir(), 'ccx-bench-'));
  const child = fork(
    new URL('./support/compute-sandbox-child.ts', import.meta.url),
    [
      JSON.stringify({
        stateDir: join(dir, 'sandbox'),
        latencyMs,
        regions,
        instancesPerRegion: perRegion,
      }),
    ],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const [ready] = (await once(child, 'message')) as [ChildReady];
  const store = await openStore({ url: join(dir, 'ccx.db') });
  const connection = await awsProvider.connect(
    'bench',
    awsProvider.configSchema.parse({
      endpoint: ready.url,
      credentials: {
        accessKeyId: ready.account.accessKeyId,
        secretAccessKey: ready.account.secretAccessKey,
      },
      regions: [...regions],
      accounts: [{ alias: ready.account.alias }],
    }),
    { logger: silent },
  );
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  try {
    const first = await syncOnce(store, connection, ready.url);
    const second = await syncOnce(store, connection, ready.url);
    clearInterval(sampler);
    const ec2Metrics = connection.metrics?.metricsFor('ec2.instance') ?? [];
    const metricsPerInstance = SYNCED_METRICS.filter((metric) =>
      ec2Metrics.includes(metric),
    ).length;
    const baseline = instances;
    const naiveBaseline = instances + instances * metricsPerInstance;
    const stored = await store.resources.counts();
    const mb = (value: number) => Math.round(value / 1024 / 1024);

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
    console.log(`instances            ${ready.instances} in the sandbox`);
    console.log(`peak RSS             ${mb(peakRss)} MB (this process; the sandbox runs apart)`);
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
      peakRssMb: mb(peakRss),
    };
  } finally {
    clearInterval(sampler);
    await connection.close();
    await store.close();
    child.disconnect();
    await once(child, 'exit');
    await rm(dir, { recursive: true, force: true });
  }
}

/** One sync with the sinks timed, and the sandbox's counters of exactly that sync. */
async function syncOnce(
  store: Store,
  connection: Awaited<ReturnType<typeof awsProvider.connect>>,
  sandboxUrl: string,
): Promise<SyncFigures> {
  let inventoryMs = 0;
  let metricMs = 0;
  const timed = async <T>(add: (ms: number) => void, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      add(performance.now() - started);
    }
  };
  const sync = createSyncService({
    connections: [connection],
    sink: {
      applyBatch: (input) =>
        timed(
          (ms) => (inventoryMs += ms),
          () => store.resources.applyBatch(input),
        ),
      completeListing: (input) =>
        timed(
          (ms) => (inventoryMs += ms),
          () => store.resources.completeListing(input),
        ),
    },
    metrics: {
      latest: (query) =>
        timed(
          (ms) => (metricMs += ms),
          () => store.metricSeries.latest(query),
        ),
      merge: (input) =>
        timed(
          (ms) => (metricMs += ms),
          () => store.metricSeries.merge(input),
        ),
    },
    runs: store.syncRuns,
    logger: silent,
    // Every job of every region at once: the bound is the sandbox's latency, not the queue.
    limits: { maxConcurrentJobs: 64, perProvider: 64 },
  });
  try {
    await fetch(`${sandboxUrl}/_sandbox/stats/reset`, { method: 'POST' });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await sync.run('bench');
    const cpu = process.cpuUsage(cpuBefore);
    const wallSeconds = (performance.now() - started) / 1000;
    const stats = (await (await fetch(`${sandboxUrl}/_sandbox/stats`)).json()) as SandboxStats;
    return {
      summary,
      stats,
      wallSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      inventoryStoreSeconds: inventoryMs / 1000,
      metricStoreSeconds: metricMs / 1000,
    };
  } finally {
    await sync.close();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
