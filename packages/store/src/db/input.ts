import { invalidInput } from '@ccx/core';
import type { z } from 'zod';

/** Validates what a caller hands a repository; a mismatch is the caller's `invalid_input`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw invalidInput(`Invalid ${what}`, {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}
