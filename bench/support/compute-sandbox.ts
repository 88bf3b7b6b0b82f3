/**
 * The setup the compute benches share: an EC2 estate in the sandbox, run in a child process
 * (`compute-sandbox-child.ts`), an SQLite store in a fresh folder, the AWS provider connected
 * to the sandbox, and the peak resident memory of this process sampled while the bench runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ESTATE_REGIONS } from '@ccx/sandbox';
import { openStore, type Store } from '@ccx/store';
import { sampleRss, type RssSampler } from './figures';
import {
  connectAws,
  forkSandboxChild,
  type AwsConnection,
  type SandboxReady,
} from './sandbox-child';

export interface EstateOptions {
  instances: number;
  regionCount: number;
  latencyMs: number;
  regions: string[];
  perRegion: number;
}

/** `--instances N` (default 10000), `--regions N` (default 4), `--latency MS` (default 50). */
export function parseEstateArgs(args: string[]): EstateOptions {
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
  return { instances, regionCount, latencyMs, regions, perRegion: instances / regionCount };
}

export interface ComputeSandbox {
  /** The sandbox's base URL. */
  url: string;
  /** Instances the sandbox holds. */
  instances: number;
  store: Store;
  connection: AwsConnection;
}

/**
 * Runs `bench` against a fresh sandbox and store for the estate the arguments ask for, with
 * this process's resident memory sampled from the connection on; then closes the connection
 * and the store, stops the sandbox and removes its folder, whatever `bench` did.
 */
export async function withComputeSandbox<T>(
  args: string[],
  bench: (context: {
    estate: EstateOptions;
    sandbox: ComputeSandbox;
    rss: RssSampler;
  }) => Promise<T>,
): Promise<T> {
  const estate = parseEstateArgs(args);
  const dir = await mkdtemp(join(tmpdir(), 'ccx-bench-'));
  try {
    const child = await forkSandboxChild<SandboxReady & { instances: number }>(
      new URL('./compute-sandbox-child.ts', import.meta.url),
      {
        stateDir: join(dir, 'sandbox'),
        latencyMs: estate.latencyMs,
        regions: estate.regions,
        instancesPerRegion: estate.perRegion,
      },
    );
    // Each piece is closed only if it was opened: a setup that fails part way still stops
    // the child, so the bench exits instead of hanging on it.
    let store: Store | undefined;
    let connection: AwsConnection | undefined;
    let rss: RssSampler | undefined;
    try {
      store = await openStore({ url: join(dir, 'ccx.db') });
      connection = await connectAws(child.ready, estate.regions);
      rss = sampleRss();
      return await bench({
        estate,
        sandbox: { url: child.ready.url, instances: child.ready.instances, store, connection },
        rss,
      });
    } finally {
      rss?.stop();
      await connection?.close();
      await store?.close();
      await child.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
