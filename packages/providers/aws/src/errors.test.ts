import { CcxError } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { fromAwsError } from './errors';

/** Hand-built SDK-shaped errors for the cases the sandbox cannot produce on demand. */
const awsError = (name: string, status: number, extra: object = {}): Error =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
    ...extra,
  });

describe('fromAwsError', () => {
  it.each([
    ['InvalidInstanceID.NotFound', 400, 'not_found', false],
    ['IncorrectInstanceState', 400, 'conflict', false],
    ['Throttling', 400, 'unavailable', true],
    ['InternalError', 500, 'unavailable', true],
    ['UnauthorizedOperation', 403, 'forbidden', false],
    ['InvalidParameterValue', 400, 'provider_error', false],
  ])('maps %s (%i) to %s', (name, status, code, retryable) => {
    const mapped = fromAwsError(awsError(name, status), 'Doing it');
    expect(mapped).toMatchObject({
      code,
      retryable,
      details: { awsCode: name, httpStatus: status, requestId: 'req-1' },
    });
    expect(mapped.message).toContain('Doing it');
  });

  it('treats an error the SDK marks $retryable as transient', () => {
    const error = awsError('SomeModeledRetryableError', 400, { $retryable: {} });
    const mapped = fromAwsError(error, 'x');
    expect(mapped).toMatchObject({ code: 'unavailable', retryable: true });
    expect(mapped.cause).toBe(error);
  });

  it('passes domain errors through unchanged', () => {
    const original = new CcxError('not_found', 'gone');
    expect(fromAwsError(original, 'x')).toBe(original);
  });
});
