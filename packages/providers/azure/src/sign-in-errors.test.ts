import { AuthenticationError } from '@azure/identity';
import { CcxError } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { signInError } from './sign-in-errors';

const target = { what: 'Azure compute sign-in to tenant t1', configKey: 'compute.clientSecret' };

function refused(status: number, body: Record<string, unknown>): CcxError {
  const error = signInError(new AuthenticationError(status, body), target);
  expect(error).toBeInstanceOf(CcxError);
  return error as CcxError;
}

describe('signInError', () => {
  it('keeps the AADSTS code of a refusal as azureCode', () => {
    const error = refused(401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: 1',
    });
    expect(error.code).toBe('forbidden');
    expect(error.details).toEqual({ azureCode: 'AADSTS7000215', httpStatus: 401 });
  });

  it('has no azureCode for a refusal without an AADSTS code', () => {
    const msal = refused(400, {
      error: 'invalid_request',
      error_description: 'invalid_grant: the request could not be read',
    });
    expect(msal.code).toBe('forbidden');
    expect(msal.details['azureCode']).toBeNull();
    const bare = refused(400, { error: 'invalid_request' });
    expect(bare.details['azureCode']).toBeNull();
    expect(bare.details['httpStatus']).toBe(400);
  });
});
