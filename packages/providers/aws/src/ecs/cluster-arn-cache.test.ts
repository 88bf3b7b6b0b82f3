import { describe, expect, it } from 'vitest';
import { ClusterArnCache, type ClusterScope } from './cluster-arn-cache';

/**
 * The sharing rules on their own, with listings the test settles itself: which callers share
 * a listing, what is forgotten, and what an abort does to the others.
 */
const east: ClusterScope = { account: '111111111111', region: 'us-east-1' };
const west: ClusterScope = { account: '111111111111', region: 'us-west-2' };

interface Listing {
  signal: AbortSignal | undefined;
  resolve(arns: string[]): void;
  reject(error: Error): void;
}

/** A `list` whose calls stay pending until the test settles them. */
function pendingLists() {
  const calls: Listing[] = [];
  const list = (signal: AbortSignal | undefined) =>
    new Promise<string[]>((resolve, reject) => calls.push({ signal, resolve, reject }));
  return { calls, list };
}

/** A `list` that answers at once with the number of the call. */
function countingList() {
  let calls = 0;
  const list = () => Promise.resolve([`arn:${++calls}`]);
  return { list, calls: () => calls };
}

describe('cluster ARN sharing', () => {
  it('shares one listing between callers of the same run and scope, and no further', async () => {
    const cache = new ClusterArnCache();
    const { list, calls } = countingList();
    const first = await cache.get('run-1', east, list);
    expect(await cache.get('run-1', east, list)).toBe(first);
    expect(calls()).toBe(1);
    expect(await cache.get('run-1', west, list)).toEqual(['arn:2']);
    expect(await cache.get('run-2', east, list)).toEqual(['arn:3']);
    expect(await cache.get(undefined, east, list)).toEqual(['arn:4']);
    expect(await cache.get(undefined, east, list)).toEqual(['arn:5']);
  });

  it('lets callers join a listing in flight', async () => {
    const cache = new ClusterArnCache();
    const { calls, list } = pendingLists();
    const a = cache.get('run', east, list);
    const b = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(['arn:a']);
    expect(await Promise.all([a, b])).toEqual([['arn:a'], ['arn:a']]);
  });

  it('gives a failure to those waiting but not to later callers', async () => {
    const cache = new ClusterArnCache();
    const { calls, list } = pendingLists();
    const a = cache.get('run', east, list);
    const b = cache.get('run', east, list);
    await Promise.resolve();
    calls[0]!.reject(new Error('throttled'));
    await expect(a).rejects.toThrow('throttled');
    await expect(b).rejects.toThrow('throttled');
    const c = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(['arn:again']);
    expect(await c).toEqual(['arn:again']);
  });

  it('runs the shared listing under its own signal: one abort leaves the others waiting', async () => {
    const cache = new ClusterArnCache();
    const { calls, list } = pendingLists();
    const aborted = new AbortController();
    const a = cache.get('run', east, list, aborted.signal);
    const b = cache.get('run', east, list, new AbortController().signal);
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    aborted.abort(new Error('job cancelled'));
    await expect(a).rejects.toThrow('job cancelled');
    expect(calls[0]!.signal?.aborted).toBe(false);
    calls[0]!.resolve(['arn:b']);
    expect(await b).toEqual(['arn:b']);
    expect(await cache.get('run', east, list)).toEqual(['arn:b']);
    expect(calls).toHaveLength(1);
  });

  it('aborts and forgets the shared listing once every caller has aborted', async () => {
    const cache = new ClusterArnCache();
    const { calls, list } = pendingLists();
    const one = new AbortController();
    const two = new AbortController();
    const a = cache.get('run', east, list, one.signal);
    const b = cache.get('run', east, list, two.signal);
    await Promise.resolve();
    one.abort(new Error('first gone'));
    expect(calls[0]!.signal?.aborted).toBe(false);
    two.abort(new Error('second gone'));
    await expect(a).rejects.toThrow('first gone');
    await expect(b).rejects.toThrow('second gone');
    expect(calls[0]!.signal?.aborted).toBe(true);
    const c = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(['arn:fresh']);
    expect(await c).toEqual(['arn:fresh']);
  });

  it('keeps ARNs read in full even if the last caller aborts before the listing is marked settled', async () => {
    const cache = new ClusterArnCache();
    const { calls, list } = pendingLists();
    const controller = new AbortController();
    const a = cache.get('run', east, list, controller.signal);
    await Promise.resolve();
    calls[0]!.resolve(['arn:read']);
    controller.abort(new Error('job cancelled'));
    await expect(a).rejects.toThrow('job cancelled');
    const b = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    expect(await b).toEqual(['arn:read']);
  });

  it('forgets a listing that fails after every caller aborted, without an unhandled rejection', async () => {
    const cache = new ClusterArnCache();
    const { calls, list } = pendingLists();
    const controller = new AbortController();
    const a = cache.get('run', east, list, controller.signal);
    await Promise.resolve();
    controller.abort(new Error('job cancelled'));
    await expect(a).rejects.toThrow('job cancelled');
    calls[0]!.reject(new Error('aborted listing'));
    await Promise.resolve();
    const b = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(['arn:fresh']);
    expect(await b).toEqual(['arn:fresh']);
  });

  it('refuses an already aborted caller without listing', async () => {
    const cache = new ClusterArnCache();
    const { list, calls } = countingList();
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(cache.get('run', east, list, controller.signal)).rejects.toThrow('too late');
    expect(calls()).toBe(0);
  });

  it('keeps the most recently used runs, dropping the least recently used', async () => {
    const cache = new ClusterArnCache({ maxRuns: 2 });
    const { list, calls } = countingList();
    await cache.get('run-1', east, list);
    await cache.get('run-2', east, list);
    expect(await cache.get('run-1', east, list)).toEqual(['arn:1']);
    await cache.get('run-3', east, list);
    expect(calls()).toBe(3);
    expect(await cache.get('run-1', east, list)).toEqual(['arn:1']);
    expect(await cache.get('run-3', east, list)).toEqual(['arn:3']);
    expect(calls()).toBe(3);
    expect(await cache.get('run-2', east, list)).toEqual(['arn:4']);
  });

  it('drops expired listings of other runs, so a new run keeps one still listing', async () => {
    let now = 0;
    const cache = new ClusterArnCache({ maxRuns: 2, maxAgeMs: 60_000, now: () => now });
    const { calls, list } = pendingLists();
    const scheduled = cache.get('scheduled', east, list);
    now = 1_000;
    const manual = cache.get('manual', west, list);
    await Promise.resolve();
    calls[1]!.resolve(['arn:manual']);
    expect(await manual).toEqual(['arn:manual']);
    now = 61_001;
    const next = cache.get('next', west, list);
    await Promise.resolve();
    expect(calls).toHaveLength(3);
    calls[2]!.resolve(['arn:next']);
    expect(await next).toEqual(['arn:next']);
    const joined = cache.get('scheduled', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(3);
    calls[0]!.resolve(['arn:scheduled']);
    expect(await Promise.all([scheduled, joined])).toEqual([['arn:scheduled'], ['arn:scheduled']]);
  });

  it('ages a listing from when it settled, so a walk longer than the maximum age is shared', async () => {
    let now = 0;
    const cache = new ClusterArnCache({ maxAgeMs: 60_000, now: () => now });
    const { calls, list } = pendingLists();
    const first = cache.get('run', east, list);
    await Promise.resolve();
    now = 90_000;
    calls[0]!.resolve(['arn:slow']);
    expect(await first).toEqual(['arn:slow']);
    now = 150_000;
    const shared = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    expect(await shared).toEqual(['arn:slow']);
    now = 150_001;
    const again = cache.get('run', east, list);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(['arn:fresh']);
    expect(await again).toEqual(['arn:fresh']);
  });

  it('reads a scope again once its listing is older than the maximum age', async () => {
    let now = 1_000;
    const cache = new ClusterArnCache({ maxAgeMs: 60_000, now: () => now });
    const { list, calls } = countingList();
    await cache.get('run', east, list);
    now += 60_000;
    expect(await cache.get('run', east, list)).toEqual(['arn:1']);
    now += 1;
    expect(await cache.get('run', east, list)).toEqual(['arn:2']);
    expect(calls()).toBe(2);
  });
});
