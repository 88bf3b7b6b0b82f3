import type { Hook } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { errorBody } from './error-body';

export interface FieldIssue {
  /** Dotted path inside the validated part, prefixed by the part: `query.limit`, `json.role`. */
  path: string;
  message: string;
}

/**
 * Every route's validation failure becomes `400 invalid_input` listing each failing field, so
 * a client can point at the input to fix instead of parsing a message.
 */
export const validationHook: Hook<unknown, ApiEnv, string, unknown> = (result, c) => {
  if (result.success) return undefined;
  const fields: FieldIssue[] = result.error.issues.map((issue) => ({
    path: [result.target, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return c.json(errorBody('invalid_input', 'The request is not valid', { fields }), 400);
};
