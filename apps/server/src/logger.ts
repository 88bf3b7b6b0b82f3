import pino, { type Logger as PinoLogger } from 'pino';
import type { CcxConfig } from './config/schema';

export type ServerLogger = PinoLogger;

/**
 * Logs go to stderr as JSON lines, always: stdout belongs to command output (`--json`), so a
 * script can pipe it without log lines mixed in.
 */
export function createLogger(level: CcxConfig['logging']['level']): ServerLogger {
  return pino({ level, base: { app: 'ccx' } }, pino.destination({ fd: 2, sync: true }));
}
