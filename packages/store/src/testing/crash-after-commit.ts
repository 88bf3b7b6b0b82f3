/**
 * Opened as a separate process by the SQLite connection tests: opens the store at `argv[2]`,
 * applies one inventory batch of `argv[3]` resources, and kills itself with SIGKILL, so nothing
 * closes the database or checkpoints its WAL: what survives is what COMMIT made durable.
 */
import { makeResource } from '@ccx/core';
import { openStore } from '../open-store';

const [url, count] = process.argv.slice(2);
if (!url || !count) throw new Error('usage: crash-after-commit <url> <count>');
const scope = {
  connection: 'prod',
  provider: 'aws' as const,
  account: '111111111111',
  region: 'us-east-1',
};
const store = await openStore({ url });
await store.resources.applyBatch({
  scope,
  type: 'ec2.instance',
  runId: 'r1',
  resources: Array.from({ length: Number(count) }, (_, i) =>
    makeResource({
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: 'ec2.instance',
      id: `i-${String(i).padStart(5, '0')}`,
      name: `web-${i}`,
      state: 'running',
      tags: { env: 'prod' },
      createdAt: null,
      attributes: { instanceType: 't3.micro' },
    }),
  ),
});
process.kill(process.pid, 'SIGKILL');
