import { CcxError } from '@ccx/core';
import type { z } from 'zod';

/**
 * Parses a JSON column and checks its shape. A row that does not match is corrupt data, not
 * bad input, so it is an `internal` error that names the column.
 */
export function parseJsonColumn<S extends z.ZodType>(
  schema: S,
  text: string,
  column: string,
): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CcxError('internal', `Column ${column} holds invalid JSON`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new CcxError('internal', `Column ${column} has an unexpected shape`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
