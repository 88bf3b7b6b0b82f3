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
import { EC2_INSTANCE } from '@ccx/provider-aws';
import type { SyncSummary } from '@ccx/sync';
import { withComputeSandbox, type ComputeSandbox } from './support/compute-sandbox';
import { measureSync, megabytes, round, silent, stopwatch } from './support/figures';

const PAGE_SIZE = 1000;

interface SyncFigures {
  summary: SyncSummary;
  requests: number;
  pages: number;
  wallSeconds: number;
  cpuSeconds: number;
  storeSeconds: number;
}

export function run(args: string[]): Promise<Record<string, unknown>> {
  return withComputeSandbox(args, async ({ estate, sandbox, rss }) => {
    const { instances, regionCount, latencyMs, perRegion } = estate;
    const first = await syncOnce(sandbox);
    const second = await syncOnce(sandbox);
    rss.stop();
    const stored = await sandbox.store.resources.query({
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
    const mb = megabytes(rss.peak());
    console.log(`instances stored     ${stored.total} of ${sandbox.instances} in the sandbox`);
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
  });
}

/** One inventory sync with the sink timed, and the sandbox's counters of exactly that sync. */
async function syncOnce({ store, connection, url }: ComputeSandbox): Promise<SyncFigures> {
  const writes = stopwatch();
  const { summary, stats, wallSeconds, cpuSeconds } = await measureSync(
    {
      connections: [connection],
      sink: {
        applyBatch: (input) => writes.timed(() => store.resources.applyBatch(input)),
        completeListing: (input) => writes.timed(() => store.resources.completeListing(input)),
      },
      runs: store.syncRuns,
      logger: silent,
    },
    url,
  );
  return {
    summary,
    requests: stats.total,
    pages: stats.byOperation['ec2:DescribeInstances'] ?? 0,
    wallSeconds,
    cpuSeconds,
    storeSeconds: writes.seconds(),
  };
}
