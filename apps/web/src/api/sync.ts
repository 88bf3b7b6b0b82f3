import { startSyncResponseSchema, syncRunListSchema, type SyncRun } from '@ccx/api/contract';
import type { ApiClient } from './client';

export async function listSyncRuns(client: ApiClient, limit = 10): Promise<SyncRun[]> {
  const { items } = await client.request('/api/sync/runs', syncRunListSchema, { query: { limit } });
  return items;
}

/** Rejects with a `conflict` ApiError while another run is in progress. */
export function startSync(client: ApiClient): Promise<{ runId: string }> {
  return client.request('/api/sync/runs', startSyncResponseSchema, { method: 'POST', body: {} });
}

export function syncEventsUrl(client: ApiClient): string {
  return client.url('/api/sync/events');
}
