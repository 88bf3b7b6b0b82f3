/**
 * Listing one very large bucket through the storage capability (S3 provider → sandbox).
 *
 * Figures: objects listed per second, peak resident memory of the listing process sampled as
 * it goes (with its value at 10 % of the listing, to show it stays flat), and requests the
 * sandbox received against the minimum number of pages, ⌈objects ÷ 1000⌉. The sandbox runs in
 * a child process, so the memory is the lister's alone. Options: `--objects N` (default
 * 1,000,000), `--latency MS` (default 0).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connectAws, forkSandboxChild } from './support/sandbox-child';

const PAGE_SIZE = 1000;
const BUCKET = 'ccx-bench-million';

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      objects: { type: 'string', default: '1000000' },
      latency: { type: 'string', default: '0' },
    },
  });
  const objects = Number(values.objects);
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(objects) || objects < 1)
    throw new Error('--objects must be a positive integer');

  const dir = await mkdtemp(join(tmpdir(), 'ccx-bench-'));
  const child = await forkSandboxChild(
    new URL('./support/storage-sandbox-child.ts', import.meta.url),
    { stateDir: join(dir, 'sandbox'), latencyMs, objects, bucket: BUCKET },
  );
  const { ready } = child;
  const connection = await connectAws(ready, ['us-east-1']);
  const storage = connection.storage;
  if (!storage) throw new Error('the AWS provider has no storage capability');

  try {
    await fetch(`${ready.url}/_sandbox/stats/reset`, { method: 'POST' });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let rssAtTenth = 0;
    // Resident memory at each quarter of the listing, and the live heap after a full GC
    // (with --expose-gc, as `npm run bench` runs): flat when nothing accumulates.
    const quarters: number[] = [];
    const heapQuarters: number[] = [];
    let listed = 0;
    let pages = 0;
    let bytes = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    for await (const page of storage.listObjects(
      { connection: 'bench', account: ready.account.id, bucket: BUCKET },
      { pageSize: PAGE_SIZE },
    )) {
      pages += 1;
      for (const entry of page.entries) {
        if (entry.kind === 'object') {
          listed += 1;
          bytes += entry.size;
        }
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (rssAtTenth === 0 && listed >= objects / 10) rssAtTenth = peakRss;
      if (listed >= ((quarters.length + 1) * objects) / 4) {
        quarters.push(process.memoryUsage().rss);
        global.gc?.();
        heapQuarters.push(process.memoryUsage().heapUsed);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const stats = (await (await fetch(`${ready.url}/_sandbox/stats`)).json()) as {
      total: number;
      byOperation: Record<string, number>;
    };
    const minimumPages = Math.ceil(objects / PAGE_SIZE);
    const mb = (value: number) => Math.round(value / 1024 / 1024);

    console.log(
      `objects listed       ${listed} in ${pages} pages (${(bytes / 1e6).toFixed(1)} MB described)`,
    );
    console.log(`wall time            ${seconds.toFixed(2)} s`);
    console.log(`objects per second   ${Math.round(listed / seconds)}`);
    console.log(
      `requests             ${stats.total} (minimum ${minimumPages} pages of ${PAGE_SIZE}); ratio ${(stats.total / minimumPages).toFixed(3)}`,
    );
    console.log(`rss before           ${mb(rssBefore)} MB`);
    console.log(`rss at 10 %          ${mb(rssAtTenth)} MB`);
    console.log(`rss at each quarter  ${quarters.map((value) => mb(value)).join(' / ')} MB`);
    if (global.gc)
      console.log(
        `live heap after GC   ${heapQuarters.map((value) => mb(value)).join(' / ')} MB at each quarter`,
      );
    console.log(
      `rss peak             ${mb(peakRss)} MB (growth after 10 %: ${mb(peakRss - rssAtTenth)} MB)`,
    );
    if (listed !== objects) throw new Error(`expected ${objects} objects, listed ${listed}`);
    return {
      objects: listed,
      pages,
      requests: stats.total,
      minimumPages,
      requestRatio: round(stats.total / minimumPages),
      wallSeconds: round(seconds),
      objectsPerSecond: Math.round(listed / seconds),
      rssBeforeMb: mb(rssBefore),
      rssAtTenthMb: mb(rssAtTenth),
      rssPeakMb: mb(peakRss),
      rssQuartersMb: quarters.map((value) => mb(value)),
      heapAfterGcQuartersMb: heapQuarters.map((value) => mb(value)),
    };
  } finally {
    await connection.close();
    await child.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
