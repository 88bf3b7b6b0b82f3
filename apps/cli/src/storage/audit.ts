import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  isCcxError,
  type ActionName,
  type Actor,
  type AuditEventInput,
  type StorageActionName,
} from '@ccx/core';

/** Where a storage command's audit entries go: the store's audit log, or a test's list. */
export type AuditSink = (event: AuditEventInput) => Promise<void>;

export interface CliAudit {
  /**
   * Runs one change with the audit trail every change of the product has: `pending` before the
   * call is sent, then `success` or `failure` under the same correlation id. `outcome` turns
   * the result into safe detail (counts, never URLs or credentials).
   */
  record<T>(
    action: StorageActionName | ActionName,
    target: string,
    detail: Record<string, unknown>,
    change: () => Promise<T>,
    outcome?: (value: T) => Record<string, unknown>,
  ): Promise<T>;
}

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
    async record(action, target, detail, change, outcome) {
      const correlationId = randomUUID();
      const base = { actor, action, target, correlationId, sourceIp: null };
      await sink({ ...base, outcome: 'pending', detail });
      let value;
      try {
        value = await change();
      } catch (error) {
        await sink({
          ...base,
          outcome: isCcxError(error) && error.code === 'forbidden' ? 'denied' : 'failure',
          detail: isCcxError(error)
            ? { code: error.code, message: error.message }
            : { code: 'internal' },
        });
        throw error;
      }
      await sink({ ...base, outcome: 'success', detail: outcome ? outcome(value) : {} });
      return value;
    },
  };
}
