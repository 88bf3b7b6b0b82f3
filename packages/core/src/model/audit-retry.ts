/**
 * The pauses before each retry of an outcome's audit write: a store that has just failed
 * often recovers within a second. Their count is the number of retries.
 */
export const OUTCOME_AUDIT_RETRY_DELAYS_MS: readonly number[] = [50, 200, 800];

/**
 * Runs `write`, and again after each pause in `delaysMs` while it throws. Resolves with null
 * once an attempt succeeds, or with what the last attempt threw. Every attempt must write the
 * same entry under an id chosen before the first: the audit log ignores an append whose id it
 * holds, so an attempt that committed before it threw still leaves one entry.
 */
export async function retryOutcomeAudit(
  write: () => Promise<void>,
  delaysMs: readonly number[] = OUTCOME_AUDIT_RETRY_DELAYS_MS,
): Promise<{ error: unknown } | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return null;
    } catch (caught) {
      const pause = delaysMs[attempt];
      if (pause === undefined) return { error: caught };
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
