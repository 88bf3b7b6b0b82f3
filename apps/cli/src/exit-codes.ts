import { isCcxError } from '@ccx/core';

/** The process exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  failure: 1,
  /** Bad command line or bad configuration: fix the input, retrying will not help. */
  usage: 2,
  /** A sync finished but some jobs failed; what was listed is stored, nothing was deleted for the failed scopes. */
  partial: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(error: unknown): ExitCode {
  return isCcxError(error) && error.code === 'invalid_input' ? EXIT.usage : EXIT.failure;
}
