import { CcxError } from '@ccx/core';

/** True for a unique-constraint violation in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  // better-sqlite3 reports extended result codes; pg reports SQLSTATE 23505.
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}

/** Runs `write`, turning a unique violation into a `conflict` that keeps the original cause. */
export async function withConflict<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new CcxError('conflict', message, { cause: error });
    throw error;
  }
}
