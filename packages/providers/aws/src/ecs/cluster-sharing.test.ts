import type { ProviderConnection, Resource, Scope } from '@ccx/core';
import type { SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectToSandbox, startTestSandbox } from '../testing/sandbox-connection';

/**
 * The ECS types of a scope share one ListClusters paging per sync run, counted by the sandbox
 * from what went over the wire.
 */
const TYPES = ['ecs.cluster', 'ecs.service', 'ecs.task'] as const;

let sandbox: SandboxHandle;
let connection: ProviderConnection;
let scope: Scope;

async function list(
  type: string,
  options: { run?: string; signal?: AbortSignal } = {},
): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const resource of connection.inventory!.list(scope, type, options)) out.push(resource);
  return out;
}

const listClustersCalls = () => sandbox.stats().byOperation['ecs:ListClusters'] ?? 0;

/** Every ECS type of the scope, one after the other, each with the run `runOf` gives it. */
async function listAll(runOf: (type: string) => string | undefined): Promise<Resource[][]> {
  const out: Resource[][] = [];
  for (const type of TYPES) out.push(await list(type, { run: runOf(type) }));
  return out;
}

/** ListClusters pages in one listing of the scope, and the listing of every type without a run. */
let pages: number;
let unshared: Resource[][];

beforeAll(async () => {
  sandbox = await startTestSandbox('ecs-sharing', { gcsScale: 0, s3Scale: 0 });
  connection = await connectToSandbox(sandbox);
  const scopes = await connection.scopes();
  scope = scopes.find((s) => s.account === sandbox.accounts[0]!.id && s.region === 'us-east-1')!;
  sandbox.resetStats();
  const clusters = await list('ecs.cluster');
  pages = listClustersCalls();
  expect(pages).toBe(Math.max(1, Math.ceil(clusters.length / 100)));
  sandbox.resetStats();
  unshared = await listAll(() => undefined);
  expect(listClustersCalls()).toBe(3 * pages);
});

afterAll(async () => {
  await connection.close();
  await sandbox.stop();
});

describe('ECS cluster ARNs shared within a sync run', () => {
  it('pages through ListClusters once for the three types of one run, with the same results', async () => {
    sandbox.resetStats();
    const shared = await listAll(() => 'run-shared');
    expect(listClustersCalls()).toBe(pages);
    expect(shared).toEqual(unshared);
    expect(shared.every((resources) => resources.length > 0)).toBe(true);
  });

  it('does not share between runs', async () => {
    sandbox.resetStats();
    const separate = await listAll((type) => `run-${type}`);
    expect(listClustersCalls()).toBe(3 * pages);
    expect(separate).toEqual(unshared);
  });

  it('lists again for the next type after a failed ListClusters', async () => {
    sandbox.setFaults('ecs.error=1');
    try {
      await expect(list('ecs.cluster', { run: 'run-failing' })).rejects.toThrow(
        /Listing ECS clusters/,
      );
    } finally {
      sandbox.setFaults('');
    }
    sandbox.resetStats();
    expect(await list('ecs.service', { run: 'run-failing' })).toEqual(unshared[1]);
    expect(listClustersCalls()).toBe(pages);
    expect(await list('ecs.task', { run: 'run-failing' })).toEqual(unshared[2]);
    expect(listClustersCalls()).toBe(pages);
  });

  it('keeps the shared listing going for the others when one job is aborted', async () => {
    sandbox.resetStats();
    sandbox.setFaults('ecs.latency=400');
    const controller = new AbortController();
    try {
      const aborted = list('ecs.service', { run: 'run-abort', signal: controller.signal });
      const waiting = list('ecs.task', { run: 'run-abort' });
      await vi.waitFor(() => expect(listClustersCalls()).toBe(1));
      controller.abort();
      await expect(aborted).rejects.toThrow();
      sandbox.setFaults('');
      expect(await waiting).toEqual(unshared[2]);
    } finally {
      sandbox.setFaults('');
    }
    expect(listClustersCalls()).toBe(pages);
  });
});
