/**
 * A sandbox in its own process for the compute-sync benchmark: the sync process's CPU time and
 * memory are then its own, not the simulator's. Reads its options from argv as JSON, answers on
 * the IPC channel with what the bench needs to connect, and stops when the parent disconnects.
 */
import { startSandbox } from '@ccx/sandbox';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  stateDir: string;
  latencyMs: number;
  regions: string[];
  instancesPerRegion: number;
};
const handle = await startSandbox({
  stateDir: options.stateDir,
  estate: {
    accounts: 1,
    regions: options.regions as never,
    instancesPerRegion: options.instancesPerRegion,
  },
  faults: options.latencyMs > 0 ? `latency=${options.latencyMs}` : '',
  gcsScale: 0,
});
const account = handle.accounts[0];
process.send?.({
  url: handle.url,
  instances: handle.instanceCount,
  account: account && {
    id: account.id,
    alias: account.alias,
    accessKeyId: account.accessKeyId,
    secretAccessKey: account.secretAccessKey,
  },
});
process.on('disconnect', () => {
  handle
    .stop()
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
});
