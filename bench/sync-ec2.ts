/**
 * Inventory sync of a large EC2 estate against the sandbox with injected latency: a first sync
 * into an empty SQLite store, then a second one over the same estate (nothing changed, so every
 * row is seen unchanged), as a scheduled sync finds it. No metrics: this is the inventory path
 * alone (SDK paginators → sync engine → store).
 *
 * Figures, per sync: wall time against the lower bound `pages × latency ÷ concurrency` (the
 * time the listing would take if nothing but the sequential page round trips mattered), CPU
 * time of this process (user + system; the sandbox runs in a child process, so it is the
 * sync's own), time spent in store writes (measured around the sink), and the peak resident
 * memory of this process over both syncs. Options: `--instances N` (default 10000),
 * `--regions N` (default 4), `--latency MS` (default 50).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '@ccx/core';
import { awsProvider, EC2_INSTANCE } from '@ccx/provider-aws';
import { DEFAULT_ESTATE_REGIONS } from '@ccx/sandbox';
import { openStore, type Store } from '@ccx/store';
import { createSyncService, type SyncSummary } from '@ccx/sync';

const PAGE_SIZE = 1000;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface ChildReady {
  url: string;
  instances: number;
  account: { id: string; alias: string; accessKeyId: string; secretAccessKey: string };
}

interface SyncFigures {
  summary: SyncSummary;
  requests: number;
  pages: number;
  wallSeconds: number;
  cpuSeconds: number;
  storeSeconds: number;
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
    const stored = await store.resources.query({
      type: [EC2_INSTANCE],
      offset: 0,
      limit: 0,
    });
    const minimumPages = regionCount * Math.ceil(perRegion / PAGE_SIZE);
    // One listing job per region; each job's pages are sequential, jobs run side by side.
    const lowerBoundSeconds = (minimumPages * latencyMs) / 1000 / regionCount;

    const report = (label: string, figures: SyncFigures) => {
      console.log(`— ${label} —`);
      console.log(
        `status               ${figures.summary.status}; ${figures.summary.resources.listed} resources listed`,
      );
      console.log(
        `requests             ${figures.requests} (${figures.pages} DescribeInstances pages, minimum ${minimumPages})`,
      );
      console.log(`wall time            ${figures.wallSeconds.toFixed(2)} s`);
      console.log(
        `lower bound          ${lowerBoundSeconds.toFixed(2)} s (${minimumPages} pages × ${latencyMs} ms ÷ ${regionCount}); ratio ${(figures.wallSeconds / lowerBoundSeconds).toFixed(1)}`,
      );
      console.log(
        `CPU time             ${figures.cpuSeconds.toFixed(2)} s (this process, user + system)`,
      );
      console.log(
        `store writes         ${figures.storeSeconds.toFixed(2)} s (SQLite writes, history, tags)`,
      );
      return {
        status: figures.summary.status,
        listed: figures.summary.resources.listed,
        requests: figures.requests,
        pages: figures.pages,
        wallSeconds: round(figures.wallSeconds),
        ratio: round(figures.wallSeconds / lowerBoundSeconds),
        cpuSeconds: round(figures.cpuSeconds),
        storeSeconds: round(figures.storeSeconds),
      };
    };
    const firstFigures = report('first sync (empty store)', first);
    const secondFigures = report('second sync (nothing changed)', second);
    const mb = Math.round(peakRss / 1024 / 1024);
    console.log(`instances stored     ${stored.total} of ${ready.instances} in the sandbox`);
    console.log(`peak RSS             ${mb} MB (this process; the sandbox runs apart)`);
    if (
      stored.total !== instances ||
      first.summary.status !== 'succeeded' ||
      second.summary.status !== 'succeeded'
    ) {
      throw new Error(
        `expected ${instances} instances and clean syncs, got ${stored.total} (${first.summary.status}/${second.summary.status})`,
      );
    }
    return {
      instances: stored.total,
      minimumPages,
      lowerBoundSeconds: round(lowerBoundSeconds),
      first: firstFigures,
      second: secondFigures,
      peakRssMb: mb,
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

/** One inventory sync with the sink timed, and the sandbox's counters of exactly that sync. */
async function syncOnce(
  store: Store,
  connection: Awaited<ReturnType<typeof awsProvider.connect>>,
  sandboxUrl: string,
): Promise<SyncFigures> {
  let storeMs = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      storeMs += performance.now() - started;
    }
  };
  const sync = createSyncService({
    connections: [connection],
    sink: {
      applyBatch: (input) => timed(() => store.resources.applyBatch(input)),
      completeListing: (input) => timed(() => store.resources.completeListing(input)),
    },
    runs: store.syncRuns,
    logger: silent,
  });
  try {
    await fetch(new URL('/_sandbox/stats/reset', sandboxUrl), { method: 'POST' });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await sync.run('bench');
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const stats = (await (await fetch(new URL('/_sandbox/stats', sandboxUrl))).json()) as {
      total: number;
      byOperation: Record<string, number>;
    };
    return {
      summary,
      requests: stats.total,
      pages: stats.byOperation['ec2:DescribeInstances'] ?? 0,
      wallSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      storeSeconds: storeMs / 1000,
    };
  } finally {
    await sync.close();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
