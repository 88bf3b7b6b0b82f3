/**
 * A sandbox in its own process for the compute-sync benchmark: the sync process's CPU time and
 * memory are then its own, not the simulator's. Reads its options from argv as JSON, answers on
 * the IPC channel with what the bench needs to connect, and stops when the parent disconnects.
 */
import { startSandbox } from '@ccx/sandbox';
import { serveToParent } from './serve-to-parent';

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
serveToParent(handle, { instances: handle.instanceCount });
