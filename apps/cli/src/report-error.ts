import { isCcxError } from '@ccx/core';

/**
 * What the user sees when a command fails: `ccx: <message>` and nothing else, unless
 * `--verbose` asks for the stack and the chain of causes (a provider's own error, say).
 */
export function formatError(error: unknown, verbose: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!verbose) return `ccx: ${message}`;
  const lines = [`ccx: ${message}`];
  let current: unknown = error;
  while (current instanceof Error) {
    lines.push(current.stack ?? `${current.name}: ${current.message}`);
    if (isCcxError(current) && Object.keys(current.details).length > 0) {
      lines.push(`details: ${JSON.stringify(current.details)}`);
    }
    current = current.cause;
    if (current !== undefined) lines.push('caused by:');
  }
  if (current !== undefined && !(current instanceof Error))
    lines.push(JSON.stringify(current) ?? typeof current);
  return lines.join('\n');
}
