import { z } from '@hono/zod-openapi';
import { queryInt, syncRunSchema } from './common.schema';

export const syncRunsQuerySchema = z.object({ limit: queryInt(1, 200).default(20) });
export const syncRunListSchema = z.object({ items: z.array(syncRunSchema) }).openapi('SyncRunList');
export const startSyncBodySchema = z.object({}).strict().openapi('StartSyncRequest');
export const startSyncResponseSchema = z.object({ runId: z.string() }).openapi('StartSyncResponse');
