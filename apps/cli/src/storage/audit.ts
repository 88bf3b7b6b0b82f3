import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  isCcxError,
  retryOutcomeAudit,
  type ActionName,
  type Actor,
  type AuditEventInput,
  type StorageActionName,
} from '@ccx/core';
import type { OutputStream } from '../context';
import { printable } from './printable';

/** Where a storage command's audit entries go: the store's audit log, or a test's list. */
export type AuditSink = (event: AuditEventInput) => Promise<void>;

export interface CliAudit {
  /**
   * Runs one change with the audit trail every change of the product has: `pending` before the
   * call is sent, then `success` or `failure` under the same correlation id. `outcome` turns
   * the result into safe detail (counts, never URLs or credentials). A `pending` the log
   * refuses stops the change before it is sent. The outcome's write is retried under one id,
   * as the API's compute operations retry theirs; if every attempt fails, `onUnaudited` gets
   * the last error, and the change's own result or error stands, for the change happened (or
   * failed) all the same.
   */
  record<T>(
    action: StorageActionName | ActionName,
    target: string,
    detail: Record<string, unknown>,
    change: () => Promise<T>,
    onUnaudited: (error: unknown) => void,
    outcome?: (value: T) => Record<string, unknown>,
  ): Promise<T>;
}

/**
 * The CLI's warning for an outcome the audit log refused on every retry: the change happened
 * (or failed) as reported, and its entry stays `pending`. A clause, as the CLI's other
 * warnings are, where the API's operations show a sentence.
 */
export const UNAUDITED_OUTCOME_WARNING =
  'the outcome of the action could not be written to the audit log, where it shows as pending';

/**
 * An `onUnaudited` for a command whose output has no place for a warning: it goes to stderr
 * with the target and, for the terminal only, the store's reason, never to stdout.
 */
export const warnUnaudited =
  (stderr: OutputStream, target: string) =>
  (error: unknown): void => {
    const reason = error instanceof Error ? error.message : String(error);
    stderr.write(
      `warning: ${printable(target)}: ${UNAUDITED_OUTCOME_WARNING} (cause: ${printable(reason)})\n`,
    );
  };

/**
 * The person at the terminal, as the audit log names them: the CLI acts with the config's
 * cloud credentials, not a ccx session, so the actor is the operating-system user, marked as
 * coming through the CLI, with the rights of whoever holds the config.
 */
export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the entry still says it came from the CLI.
  }
  return { kind: 'system', id: `cli:${name}`, name: `${name} (ccx CLI)`, role: 'admin' };
}

export function cliAudit(sink: AuditSink, actor: Actor = cliActor()): CliAudit {
  return {
    async record(action, target, detail, change, onUnaudited, outcome) {
      const correlationId = randomUUID();
      const base = { actor, action, target, correlationId, sourceIp: null };
      await sink({ ...base, outcome: 'pending', detail });
      // Chosen once, so a retry of a write that committed before it threw adds no second entry.
      const id = randomUUID();
      const settle = async (event: Pick<AuditEventInput, 'outcome' | 'detail'>) => {
        const unaudited = await retryOutcomeAudit(() => sink({ ...base, id, ...event }));
        if (unaudited) onUnaudited(unaudited.error);
      };
      let value;
      try {
        value = await change();
      } catch (error) {
        await settle({
          outcome: isCcxError(error) && error.code === 'forbidden' ? 'denied' : 'failure',
          detail: isCcxError(error)
            ? { code: error.code, message: error.message }
            : { code: 'internal' },
        });
        throw error;
      }
      await settle({ outcome: 'success', detail: outcome ? outcome(value) : {} });
      return value;
    },
  };
}
