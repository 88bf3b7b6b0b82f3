import { isCcxError } from '@ccx/core';
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { ApiEnv } from '../env';
import { STATUS_BY_CODE, errorBody } from './error-body';

/**
 * The single place errors become responses. A CcxError keeps its code, message and safe
 * details; framework exceptions (malformed JSON, wrong media type) become `invalid_input`;
 * anything else is logged with the request id and answered as a bare `internal`, because its
 * message may carry SQL, paths or provider detail the caller must not see.
 */
export function errorHandler(logger: Logger): ErrorHandler<ApiEnv> {
  return (error, c) => {
    const requestId = c.get('requestId');
    if (isCcxError(error)) {
      const status = STATUS_BY_CODE[error.code];
      if (status >= 500) logger.error({ err: error, requestId }, 'request failed');
      if (error.code === 'rate_limited') {
        const retryAfter = error.details['retryAfterSeconds'];
        if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      }
      return c.json(errorBody(error.code, error.message, error.details), status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code =
        error.status === 401
          ? 'unauthenticated'
          : error.status === 403
            ? 'forbidden'
            : 'invalid_input';
      return c.json(
        errorBody(code, error.message || 'The request is not valid'),
        STATUS_BY_CODE[code],
      );
    }
    logger.error({ err: error, requestId }, 'unhandled error');
    return c.json(errorBody('internal', 'Internal error', { requestId }), 500);
  };
}
