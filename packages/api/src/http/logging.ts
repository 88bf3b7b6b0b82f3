import type { Logger } from 'pino';

/**
 * Fields never written to a log, wherever they appear in a logged object (two levels deep,
 * plus request/response headers). The composition root may use the same list for its own
 * logger; the API applies it to its child logger regardless.
 */
export const LOG_REDACT_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'secret',
  'csrfToken',
  'clientSecret',
  '*.authorization',
  '*.cookie',
  '*["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.csrfToken',
  '*.clientSecret',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-csrf-token"]',
];

export function apiLogger(logger: Logger): Logger {
  return logger.child(
    { component: 'api' },
    { redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } },
  );
}
