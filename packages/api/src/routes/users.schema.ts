import { z } from '@hono/zod-openapi';

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
