import { z } from '@hono/zod-openapi';

export const tokenIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
