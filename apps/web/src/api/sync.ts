import type { ApiClient } from './client';
import { startSyncSchema, syncRunListSchema } from './schemas/sync';
import type { SyncRun } from './schemas/sync';

export async function listSyncRuns(client: ApiClient, limit = 10): Promise<SyncRun[]> {
  const { items } = await client.request('/api/sync/runs', syncRunListSchema, { query: { limit } });
  return items;
}

/** Rejects with a `conflict` ApiError while another run is in progress. */
export function startSync(client: ApiClient): Promise<{ runId: string }> {
  return client.request('/api/sync/runs', startSyncSchema, { method: 'POST', body: {} });
}

export function syncEventsUrl(client: ApiClient): string {
  return client.url('/api/sync/events');
}
