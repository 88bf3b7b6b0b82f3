/**
 * One sorted page of the compute list, in a process of its own so its peak memory is that
 * page's alone: opens the store named by the parent's first message (a SQLite file or a
 * PostgreSQL URL), answers the page three times, and sends back the times, the resident memory
 * before and at peak, and what came back (or why it failed).
 */
import { once } from 'node:events';
import { computeListQuerySchema, listCompute } from '@ccx/api';
import { openStore } from '@ccx/store';

/** The parent's one message: which store to open and which page to ask for. */
export interface SortRequest {
  url: string;
  query: Record<string, string>;
}

const [options] = (await once(process, 'message')) as [SortRequest];
const store = await openStore({ url: options.url, migrate: false });
const deps = { store, connections: new Map(), isBusy: () => false, now: () => new Date() };
const query = computeListQuerySchema.parse(options.query);
// What the process holds before the first sort: the store open, the modules loaded.
await store.resources.counts();
const rssBefore = process.memoryUsage().rss;
const times: number[] = [];
let outcome: { total: number; first: string | null } | { failed: string } = { failed: '' };
for (let attempt = 0; attempt < 3; attempt++) {
  const started = performance.now();
  try {
    const page = await listCompute(deps, query, 'viewer');
    outcome = { total: page.total, first: page.items[0]?.name ?? null };
  } catch (error) {
    // Sent to the parent, which stops the run with it.
    outcome = { failed: error instanceof Error ? error.message : String(error) };
    break;
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
