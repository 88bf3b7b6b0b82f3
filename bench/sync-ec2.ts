/**
 * Sync of a large EC2 estate against the sandbox with injected latency.
 *
 * Figures: wall time of one full sync (SDK paginators → sync engine → SQLite store), requests
 * the sandbox received, and the ratio of wall time to the lower bound
 * `pages × latency ÷ concurrency` — the time the listing would take if nothing but the
 * sequential page round trips mattered. Options: `--instances N` (default 10000),
 * `--regions N` (default 4), `--latency MS` (default 50).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { DEFAULT_ESTATE_REGIONS, startSandbox } from '@ccx/sandbox';
import { openStore } from '@ccx/store';
import { createSyncService } from '@ccx/sync';

const PAGE_SIZE = 1000;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

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
  const sandbox = await startSandbox({
    stateDir: join(dir, 'sandbox'),
    estate: { accounts: 1, regions: [...regions], instancesPerRegion: perRegion },
    faults: `latency=${latencyMs}`,
  });
  const store = await openStore({ url: join(dir, 'ccx.db') });
  const account = sandbox.accounts[0]!;
  const connection = await awsProvider.connect(
    'bench',
    awsProvider.configSchema.parse({
      endpoint: sandbox.url,
      credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
      regions: [...regions],
      accounts: [{ alias: account.alias }],
    }),
    { logger: silent },
  );
  // Time spent writing to the store, measured around the sink, to split wall time into the
  // part the store takes and the part the SDK (HTTP + XML parsing) and the engine take.
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
    sandbox.resetStats();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await sync.run('bench');
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // The sandbox runs in this process too; its share is the XML it renders for each page.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const stats = sandbox.stats();
    const counts = await store.resources.counts();

    const pages = regionCount * Math.ceil(perRegion / PAGE_SIZE);
    // One listing job per region; each job's pages are sequential, jobs run side by side.
    const concurrency = regionCount;
    const lowerBoundSeconds = (pages * latencyMs) / 1000 / concurrency;
    const pagesRequested = stats.byOperation['ec2:DescribeInstances'] ?? 0;

    console.log(`instances synced     ${counts.total} (sync status ${summary.status})`);
    console.log(
      `requests             ${stats.total} (${pagesRequested} DescribeInstances pages, minimum ${pages})`,
    );
    console.log(`wall time            ${wallSeconds.toFixed(2)} s`);
    console.log(
      `lower bound          ${lowerBoundSeconds.toFixed(2)} s (${pages} pages × ${latencyMs} ms ÷ ${concurrency})`,
    );
    console.log(`ratio                ${(wallSeconds / lowerBoundSeconds).toFixed(2)}`);
    console.log(
      `cpu time             ${cpuSeconds.toFixed(2)} s in this process (sandbox included): the sync is CPU-bound`,
    );
    console.log(
      `  of which store     ${(storeMs / 1000).toFixed(2)} s (SQLite writes, history, tags)`,
    );
    if (counts.total !== instances || summary.status !== 'succeeded') {
      throw new Error(
        `expected ${instances} instances and a clean sync, got ${counts.total} (${summary.status})`,
      );
    }
    return {
      instances: counts.total,
      requests: stats.total,
      pages: pagesRequested,
      minimumPages: pages,
      wallSeconds: round(wallSeconds),
      lowerBoundSeconds: round(lowerBoundSeconds),
      ratio: round(wallSeconds / lowerBoundSeconds),
      cpuSeconds: round(cpuSeconds),
      storeSeconds: round(storeMs / 1000),
    };
  } finally {
    await sync.close();
    await connection.close();
    await store.close();
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
