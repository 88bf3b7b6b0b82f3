import { statusSchema, type Status } from '@ccx/api/contract';
import type { ApiClient } from './client';

export function getStatus(client: ApiClient): Promise<Status> {
  return client.request('/api/status', statusSchema);
}
