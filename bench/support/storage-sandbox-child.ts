/**
 * A sandbox in its own process for the storage benchmark: the listing process's memory is
 * then the lister's alone. Reads its options from argv as JSON, answers on the IPC channel
 * with what the bench needs to connect, and stops when the parent disconnects.
 */
import { startSandbox } from '@ccx/sandbox';
import { serveToParent } from './serve-to-parent';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  stateDir: string;
  latencyMs: number;
  objects: number;
  bucket: string;
};
const handle = await startSandbox({
  stateDir: options.stateDir,
  estate: { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 0 },
  faults: options.latencyMs > 0 ? `latency=${options.latencyMs}` : '',
  syntheticBuckets: [{ name: options.bucket, objects: options.objects }],
});
serveToParent(handle);
