/**
 * One page of the compute list sorted by size, over a large SQLite store: the sort the store
 * cannot do itself (sizes are measured against the instance catalog), so the API sorts keys in
 * memory and loads full rows for the page only.
 *
 * Stores `--rows` EC2 instances (comma list, default 20000,50000; each count adds to the last)
 * with sizes from the catalog and some it does not know, in four regions, then for each count
 * answers `sort=size&page=2` in a child process of its own, three times. Figures per count:
 * the first and the best of the three times, and the child's resident memory before the first
 * sort and at its peak (so the difference is what sorting cost). A count the sort refuses
 * prints the refusal instead of a total.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeResource } from '@ccx/core';
import { openStore, type Store } from '@ccx/store';
import { megabytes, round } from './support/figures';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const SIZES = ['t3.micro', 'm5.large', 'm5.2xlarge', 'c5.xlarge', 'r5.large', 'x9.unknown'];
const BATCH = 1000;

interface ChildFigures {
  times: number[];
  rssBefore: number;
  rssPeak: number;
  outcome: { total: number; first: string | null } | { refused: string };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args, options: { rows: { type: 'string' } } });
  const counts = (values.rows ?? '20000,50000').split(',').map(Number);
  const dir = await mkdtemp(join(tmpdir(), 'ccx-bench-sort-'));
  const file = join(dir, 'ccx.db');
  const results: Record<string, unknown> = {};
  try {
    let stored = 0;
    for (const count of counts) {
      const store = await openStore({ url: file });
      try {
        await seed(store, stored, count);
      } finally {
        await store.close();
      }
      stored = count;
      const figures = await measure(file, { sort: 'size', page: '2', pageSize: '50' });
      const first = figures.times[0] ?? 0;
      const best = Math.min(...figures.times);
      const outcome =
        'refused' in figures.outcome
          ? `refused: ${figures.outcome.refused}`
          : `total ${figures.outcome.total}, first row ${figures.outcome.first ?? '-'}`;
      console.log(`— ${count} instances, sort=size page 2 —`);
      console.log(`outcome              ${outcome}`);
      console.log(`time                 first ${round(first)} ms, best ${round(best)} ms`);
      console.log(
        `resident memory      ${megabytes(figures.rssBefore)} MB before, ${megabytes(figures.rssPeak)} MB at peak`,
      );
      results[String(count)] = {
        refused: 'refused' in figures.outcome,
        firstMs: round(first),
        bestMs: round(best),
        rssBeforeMb: megabytes(figures.rssBefore),
        rssPeakMb: megabytes(figures.rssPeak),
        sortMb: megabytes(figures.rssPeak - figures.rssBefore),
      };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

/** Instances `from` to `to` (exclusive), their names in an order unrelated to their sizes. */
async function seed(store: Store, from: number, to: number): Promise<void> {
  const account = '111111111111';
  for (const region of REGIONS) {
    const scope = { connection: 'bench', provider: 'aws' as const, account, region };
    const mine = [];
    for (let i = from; i < to; i++) if (REGIONS[i % REGIONS.length] === region) mine.push(i);
    for (let start = 0; start < mine.length; start += BATCH) {
      const resources = mine.slice(start, start + BATCH).map((i) =>
        makeResource({
          provider: 'aws',
          account,
          region,
          type: 'ec2.instance',
          id: `i-${i.toString(16).padStart(17, '0')}`,
          name: `web-${(i * 7919) % 100_003}`,
          state: i % 5 === 0 ? 'stopped' : 'running',
          tags: { env: i % 2 === 0 ? 'prod' : 'dev', team: `team-${i % 40}` },
          createdAt: null,
          attributes: {
            instanceType: SIZES[i % SIZES.length],
            imageId: `ami-${i % 300}`,
            vpcId: `vpc-${i % 12}`,
            privateIpAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            volumeIds: [`vol-${i}`],
          },
        }),
      );
      await store.resources.applyBatch({ scope, type: 'ec2.instance', runId: 'seed', resources });
    }
  }
}

async function measure(file: string, query: Record<string, string>): Promise<ChildFigures> {
  const child = fork(
    new URL('./support/compute-sort-child.ts', import.meta.url),
    [JSON.stringify({ file, query })],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = once(child, 'exit');
  const failed = exited.then(() => {
    throw new Error('The sort child exited without figures');
  });
  // Once the figures are in, the exit is expected: nobody waits on this rejection then.
  failed.catch(() => undefined);
  const [message] = (await Promise.race([once(child, 'message'), failed])) as [ChildFigures];
  await exited;
  return message;
}
