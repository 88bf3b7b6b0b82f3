import { z } from '@hono/zod-openapi';
import { queryInt } from '../contract';

export const syncRunsQuerySchema = z.object({ limit: queryInt(1, 200).default(20) });
