import { z } from 'zod';
import { roleSchema, userSchema } from './common';

export const userListSchema = z.object({ items: z.array(userSchema) }).meta({ id: 'UserList' });

export const createUserRequestSchema = z
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
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(1024).optional(),
  })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;
