import { CcxError, type ErrorCode } from '@ccx/core';

interface RestErrorShape extends Error {
  statusCode?: number;
  code?: string;
  /** Storage service error code, when the SDK parsed it from the body or header. */
  details?: unknown;
}

const NETWORK_CODES = new Set(['REQUEST_SEND_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);

function serviceCode(error: RestErrorShape): string | null {
  const fromDetails =
    typeof error.details === 'object' && error.details !== null
      ? (error.details as { errorCode?: unknown }).errorCode
      : undefined;
  if (typeof fromDetails === 'string') return fromDetails;
  return typeof error.code === 'string' ? error.code : null;
}

function classify(
  error: RestErrorShape,
  code: string | null,
): { code: ErrorCode; retryable: boolean } {
  if (CREDENTIAL_ERRORS.has(error.name)) return { code: 'forbidden', retryable: false };
  if (error.name === 'AbortError') return { code: 'unavailable', retryable: false };
  const status = error.statusCode;
  if (status === undefined) {
    return code !== null && NETWORK_CODES.has(code)
      ? { code: 'unavailable', retryable: true }
      : { code: 'provider_error', retryable: false };
  }
  if (status === 429) return { code: 'rate_limited', retryable: true };
  if (status >= 500) return { code: 'unavailable', retryable: true };
  if (status === 404) return { code: 'not_found', retryable: false };
  if (status === 401 || status === 403) return { code: 'forbidden', retryable: false };
  if (status === 409 || status === 412) return { code: 'conflict', retryable: false };
  if (status === 400 || status === 413 || status === 416)
    return { code: 'invalid_input', retryable: false };
  return { code: 'provider_error', retryable: false };
}

/**
 * Service messages end with `RequestId:` and `Time:` lines, and a failed copy can echo a source
 * URL: keep the first line and blank any SAS signature, so no credential reaches a message.
 */
function safeMessage(message: string): string {
  const first = message.split('\n', 1)[0] ?? '';
  return first.replace(/([?&]sig=)[^&\s"]+/gi, '$1REDACTED').slice(0, 300);
}

/**
 * Maps whatever an Azure SDK call threw to the closed domain error set, keeping the original as
 * `cause` and the storage error code and HTTP status in `details`. `retryable` marks what is
 * worth another try once the SDK's own retries are spent: throttling (429, 503 ServerBusy),
 * other 5xx and network failures. A HEAD that fails has no body, hence no code: the status
 * alone decides then (404 → not_found).
 */
export function fromAzureError(error: unknown, what: string): CcxError {
  if (error instanceof CcxError) return error;
  if (!(error instanceof Error))
    return new CcxError('provider_error', `${what}: ${String(error)}`, { cause: error });
  const rest = error as RestErrorShape;
  const azureCode = serviceCode(rest);
  const { code, retryable } = classify(rest, azureCode);
  const label = azureCode ?? (rest.statusCode ? `HTTP ${rest.statusCode}` : rest.name);
  return new CcxError(code, `${what}: ${label}: ${safeMessage(rest.message)}`, {
    cause: error,
    retryable,
    details: { azureCode, httpStatus: rest.statusCode ?? null },
  });
}
