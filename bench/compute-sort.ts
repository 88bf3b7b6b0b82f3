/**
 * One page of the compute list sorted by size and by saving, over a large store: the sorts the
 * store cannot do itself (sizes are measured against the instance catalog, savings are summed
 * from findings), so the API sorts narrow keys in memory and loads full rows for the page only.
 *
 * Stores `--rows` EC2 instances (comma list of increasing counts up to the API's cap, default
 * 20000,50000; each count adds to the last) with sizes from the catalog and some it does not
 * know, in four regions, a quarter of them with findings that carry a saving, then for each
 * count and sort answers `sort=…&page=2` in a child process of its own, three times. Figures
 * per count and sort: the first and the best of the three times, and the child's resident
 * memory before the first sort and at its peak (so the difference is what sorting cost).
 *
 * Runs on SQLite in a temporary file, and on PostgreSQL too when CCX_BENCH_PG_URL names a
 * database: there in a schema of its own, created for the run and dropped after it.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_IN_MEMORY_SORT } from '@ccx/api';
import { makeResource, type Resource } from '@ccx/core';
import { COMPUTE_FINDING_KINDS } from '@ccx/insights';
import { openStore, type Store } from '@ccx/store';
import pg from 'pg';
import type { SortRequest } from './support/compute-sort-child';
import { megabytes, round } from './support/figures';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const SIZES = ['t3.micro', 'm5.large', 'm5.2xlarge', 'c5.xlarge', 'r5.large', 'x9.unknown'];
const SORTS = ['size', 'saving'] as const;
const BATCH = 1000;

interface ChildFigures {
  times: number[];
  rssBefore: number;
  rssPeak: number;
  outcome: { total: number; first: string | null } | { failed: string };
}

/** Where the store of one run lives, and how to remove it after. */
interface Backend {
  name: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args, options: { rows: { type: 'string' } } });
  const counts = parseCounts(values.rows ?? '20000,50000');
  const results: Record<string, unknown> = {};
  const pgUrl = process.env.CCX_BENCH_PG_URL;
  results.sqlite = await runOn(await sqliteBackend(), counts);
  if (pgUrl) results.postgres = await runOn(await postgresBackend(pgUrl), counts);
  else console.log('(PostgreSQL skipped: set CCX_BENCH_PG_URL to measure it too)');
  return results;
}

/**
 * Counts of a comma list: positive integers, increasing (each adds rows to the last), none
 * above what the API sorts at all. Anything else is refused before a row is written.
 */
export function parseCounts(text: string): number[] {
  const counts = text.split(',').map((part) => {
    const trimmed = part.trim();
    if (!/^[1-9][0-9]*$/.test(trimmed))
      throw new Error(`--rows: "${trimmed}" is not a positive integer`);
    const count = Number(trimmed);
    if (count > MAX_IN_MEMORY_SORT)
      throw new Error(
        `--rows: ${count} is above ${MAX_IN_MEMORY_SORT}, the most a sort by size or saving covers`,
      );
    return count;
  });
  counts.forEach((count, i) => {
    const previous = counts[i - 1];
    if (previous !== undefined && count <= previous)
      throw new Error(`--rows: counts must increase (${count} follows ${previous})`);
  });
  return counts;
}

async function sqliteBackend(): Promise<Backend> {
  const dir = await mkdtemp(join(tmpdir(), 'ccx-bench-sort-'));
  return {
    name: 'sqlite',
    url: join(dir, 'ccx.db'),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A schema named after this process, and a URL whose connections use it as search path. */
async function postgresBackend(base: string): Promise<Backend> {
  const schema = `ccx_bench_sort_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create schema "${schema}"`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'postgres',
    url: url.toString(),
    async drop() {
      try {
        await admin.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

async function runOn(
  backend: Backend,
  counts: readonly number[],
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  try {
    let stored = 0;
    for (const count of counts) {
      const store = await openStore({ url: backend.url });
      const started = performance.now();
      try {
        await seed(store, stored, count);
      } finally {
        await store.close();
      }
      console.log(
        `— ${backend.name}: ${count} instances (seeded ${count - stored} in ${round((performance.now() - started) / 1000)} s) —`,
      );
      stored = count;
      for (const sort of SORTS) {
        const figures = await measure(backend.url, { sort, page: '2', pageSize: '50' });
        if ('failed' in figures.outcome)
          throw new Error(`sort=${sort} over ${count} rows failed: ${figures.outcome.failed}`);
        const first = figures.times[0] ?? 0;
        const best = Math.min(...figures.times);
        console.log(
          `sort=${sort.padEnd(7)} total ${figures.outcome.total}, first row ${figures.outcome.first ?? '-'}; ` +
            `first ${round(first)} ms, best ${round(best)} ms; ` +
            `resident ${megabytes(figures.rssBefore)} MB before, ${megabytes(figures.rssPeak)} MB at peak`,
        );
        results[`${count}.${sort}`] = {
          firstMs: round(first),
          bestMs: round(best),
          rssBeforeMb: megabytes(figures.rssBefore),
          rssPeakMb: megabytes(figures.rssPeak),
          sortMb: megabytes(figures.rssPeak - figures.rssBefore),
        };
      }
    }
  } finally {
    await backend.drop();
  }
  return results;
}

/**
 * Instances `from` to `to` (exclusive), their names in an order unrelated to their sizes; every
 * fourth has a rightsizing finding, and every twelfth an idle one as well, with savings spread
 * so that many compare equal.
 */
async function seed(store: Store, from: number, to: number): Promise<void> {
  const account = '111111111111';
  for (const region of REGIONS) {
    const scope = { connection: 'bench', provider: 'aws' as const, account, region };
    const mine = [];
    for (let i = from; i < to; i++) if (REGIONS[i % REGIONS.length] === region) mine.push(i);
    for (let start = 0; start < mine.length; start += BATCH) {
      const batch = mine.slice(start, start + BATCH);
      const resources = batch.map((i) => instance(i, region, account));
      await store.resources.applyBatch({ scope, type: 'ec2.instance', runId: 'seed', resources });
      for (const [n, resource] of resources.entries())
        await seedFindings(store, batch[n] ?? 0, resource);
    }
  }
}

function instance(i: number, region: string, account: string): Resource {
  return makeResource({
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
  });
}

async function seedFindings(store: Store, i: number, resource: Resource): Promise<void> {
  const finding = (subject: string, amount: number) => ({
    severity: 'medium' as const,
    subject,
    title: `Save on ${subject}`,
    evidence: { bench: true },
    estimatedMonthlyImpact: { amount, currency: 'USD' },
  });
  if (i % 4 === 0)
    await store.findings.replaceForResource({
      kind: COMPUTE_FINDING_KINDS.rightsizing,
      resourceUid: resource.uid,
      findings: [finding('size', (i % 97) * 1.5)],
    });
  if (i % 12 === 0)
    await store.findings.replaceForResource({
      kind: COMPUTE_FINDING_KINDS.idle,
      resourceUid: resource.uid,
      findings: [finding('idle', (i % 31) * 2.25)],
    });
}

async function measure(url: string, query: Record<string, string>): Promise<ChildFigures> {
  const child = fork(new URL('./support/compute-sort-child.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Over the IPC channel, not the command line: a PostgreSQL URL may hold a password, and a
  // command line is visible to every user of the machine.
  child.send({ url, query } satisfies SortRequest);
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
