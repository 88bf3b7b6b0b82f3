/**
 * One sorted page of the compute list, in a process of its own so its peak memory is that
 * page's alone: opens the SQLite file named by the JSON argument, answers the page three
 * times, and sends back the times, the resident memory before and at peak, and what came back.
 */
import { openStore } from '@ccx/store';
import { listCompute } from '../../packages/api/src/compute/list-entries';
import { computeListQuerySchema } from '../../packages/api/src/routes/compute.schema';

interface ChildOptions {
  file: string;
  query: Record<string, string>;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const store = await openStore({ url: options.file, migrate: false });
const deps = { store, connections: new Map(), isBusy: () => false, now: () => new Date() };
const query = computeListQuerySchema.parse(options.query);
// What the process holds before the first sort: the store open, the modules loaded.
await store.resources.counts();
const rssBefore = process.memoryUsage().rss;
const times: number[] = [];
let outcome: { total: number; first: string | null } | { refused: string } = { refused: '' };
for (let attempt = 0; attempt < 3; attempt++) {
  const started = performance.now();
  try {
    const page = await listCompute(deps, query, 'viewer');
    outcome = { total: page.total, first: page.items[0]?.name ?? null };
  } catch (error) {
    outcome = { refused: error instanceof Error ? error.message : String(error) };
  }
  times.push(performance.now() - started);
}
await store.close();
process.send?.({
  times,
  rssBefore,
  // maxRSS is in kilobytes.
  rssPeak: process.resourceUsage().maxRSS * 1024,
  outcome,
});
process.disconnect?.();
