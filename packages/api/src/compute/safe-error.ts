import { isCcxError } from '@ccx/core';

/**
 * What a log line may say about a provider failure: a domain error's code and message (their
 * classes carry no credentials), or only the class name of anything else, whose message may
 * hold request URLs, keys or signatures.
 */
export function safeError(error: unknown): { error: Record<string, unknown> } {
  if (isCcxError(error)) return { error: { code: error.code, message: error.message } };
  return { error: { type: error instanceof Error ? error.name : typeof error } };
}
