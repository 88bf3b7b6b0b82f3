import { z } from '@hono/zod-openapi';
import { roleSchema, userSchema } from './common.schema';

export const userListSchema = z.object({ items: z.array(userSchema) }).openapi('UserList');

export const createUserBodySchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\s]+$/, 'no spaces'),
    password: z.string().min(1).max(1024).optional(),
    role: roleSchema,
    displayName: z.string().trim().max(200).optional(),
  })
  .openapi('CreateUserRequest');

export const updateUserBodySchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(1024).optional(),
  })
  .openapi('UpdateUserRequest');

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
