import { RestError } from '@azure/storage-blob';
import { CcxError } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { fromAzureError } from './errors';

const rest = (status: number | undefined, code?: string, message = 'The service said no.') =>
  new RestError(`${message}\nRequestId:abc\nTime:2026-01-01T00:00:00Z`, {
    statusCode: status,
    code,
  });

describe('fromAzureError', () => {
  it.each([
    [404, 'BlobNotFound', 'not_found', false],
    [404, 'ContainerNotFound', 'not_found', false],
    [404, undefined, 'not_found', false],
    [403, 'AuthenticationFailed', 'forbidden', false],
    [403, 'AuthorizationFailure', 'forbidden', false],
    [409, 'BlobArchived', 'conflict', false],
    [412, 'ConditionNotMet', 'conflict', false],
    [400, 'InvalidMetadata', 'invalid_input', false],
    [416, 'InvalidRange', 'invalid_input', false],
    [429, undefined, 'rate_limited', true],
    [503, 'ServerBusy', 'unavailable', true],
    [500, 'InternalError', 'unavailable', true],
    [undefined, 'REQUEST_SEND_ERROR', 'unavailable', true],
    [undefined, 'ECONNREFUSED', 'unavailable', true],
  ] as const)('maps HTTP %s %s to %s', (status, code, expected, retryable) => {
    const error = fromAzureError(rest(status, code), 'Reading x');
    expect(error).toBeInstanceOf(CcxError);
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(retryable);
    expect(error.details).toEqual({ azureCode: code ?? null, httpStatus: status ?? null });
    expect(error.cause).toBeInstanceOf(RestError);
  });

  it('keeps the first line of the message and blanks any SAS signature', () => {
    const error = fromAzureError(
      rest(
        403,
        'CannotVerifyCopySource',
        'Copy source https://a/c/b?sv=1&sig=c2VjcmV0%3D&se=2 refused',
      ),
      'Copying',
    );
    expect(error.message).toBe(
      'Copying: CannotVerifyCopySource: Copy source https://a/c/b?sv=1&sig=REDACTED&se=2 refused',
    );
    expect(error.message).not.toContain('c2VjcmV0');
  });

  it('treats credential failures as forbidden and aborts as not retryable', () => {
    const credential = Object.assign(new Error('no credential in this environment'), {
      name: 'CredentialUnavailableError',
    });
    expect(fromAzureError(credential, 'Listing').code).toBe('forbidden');
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(fromAzureError(aborted, 'Listing')).toMatchObject({
      code: 'unavailable',
      retryable: false,
    });
  });

  it('passes a CcxError through and wraps a non-error', () => {
    const original = new CcxError('invalid_input', 'bad key');
    expect(fromAzureError(original, 'x')).toBe(original);
    expect(fromAzureError('boom', 'Doing')).toMatchObject({ code: 'provider_error' });
  });
});
