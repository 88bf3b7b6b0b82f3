import type { ApiClient } from './client';
import { statusSchema } from './schemas/status';
import type { Status } from './schemas/status';

export function getStatus(client: ApiClient): Promise<Status> {
  return client.request('/api/status', statusSchema);
}
