import type { Store } from '@ccx/store';
import type { SyncService } from '@ccx/sync';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Metrics for one API instance, on a registry of its own: two apps in one process (tests, or a
 * server restarted in place) never collide on the global registry.
 */
export function createMetrics(deps: { store: Store; sync: SyncService }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'ccx_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ccx_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const syncJobs = new Counter({
    name: 'ccx_sync_jobs_total',
    help: 'Sync jobs ended, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ccx_resources',
    help: 'Live resources in the inventory, by provider',
    labelNames: ['provider'] as const,
    registers: [registry],
    async collect() {
      const counts = await deps.store.resources.counts();
      this.reset();
      for (const [provider, count] of Object.entries(counts.byProvider))
        this.set({ provider }, count);
    },
  });

  const unsubscribe = deps.sync.subscribe((event) => {
    if (event.type === 'job.completed') syncJobs.inc({ outcome: 'success' });
    else if (event.type === 'job.failed') syncJobs.inc({ outcome: 'failure' });
  });

  return {
    registry,
    observeRequest(
      labels: { method: string; route: string; status: number },
      seconds: number,
    ): void {
      const values = { method: labels.method, route: labels.route, status: String(labels.status) };
      requests.inc(values);
      duration.observe(values, seconds);
    },
    close(): void {
      unsubscribe();
      registry.clear();
    },
  };
}

export type ApiMetrics = ReturnType<typeof createMetrics>;
