import { invalidInput } from '@ccx/core';
import { bodyLimit } from 'hono/body-limit';

/**
 * The largest request body any route accepts. Every body of this API is a small JSON object
 * (credentials, a token name, an action), so anything bigger is refused before it is read
 * into memory or parsed.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export function requestBodyLimit(maxSize = MAX_BODY_BYTES) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw invalidInput(`The request body is larger than ${maxSize} bytes`, { maxBytes: maxSize });
    },
  });
}
