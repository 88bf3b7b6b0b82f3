import {
  AggregateAuthenticationError,
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
} from '@azure/identity';
import { CcxError } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { signInError } from './sign-in-errors';

const target = { what: 'Azure compute sign-in to tenant t1', configKey: 'compute.clientSecret' };

const SCOPES = ['https://management.azure.com/.default'];

function mapped(thrown: Error): CcxError {
  const error = signInError(thrown, target);
  expect(error).toBeInstanceOf(CcxError);
  return error as CcxError;
}

const refused = (status: number, body: Record<string, unknown>): CcxError =>
  mapped(new AuthenticationError(status, body));

/** What @azure/identity keeps of MSAL's error when Entra refuses a workload identity. */
const WORKLOAD_REFUSAL =
  "unauthorized_client: Error(s): 700016 - Timestamp: 2026-01-05 10:00:00Z - Description: AADSTS700016: Application with identifier '0f0f0f0f-1111-4222-8333-444455556666' was not found in the directory '94f38bfe-999e-4de3-8237-c914609507e6'. This can happen if the application has not been installed. Trace ID: 1 - Correlation ID: 2";

/** A chain's answer: the environment credential unavailable, then `inner`. */
const chainOf = (inner: Error) =>
  new AggregateAuthenticationError(
    [new CredentialUnavailableError('EnvironmentCredential is unavailable.'), inner],
    'ChainedTokenCredential authentication failed.',
  );

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

  it("reads Entra's refusal of a workload identity, inside a chain or alone, as a refusal", () => {
    for (const thrown of [
      chainOf(new AuthenticationRequiredError({ scopes: SCOPES, message: WORKLOAD_REFUSAL })),
      new AuthenticationRequiredError({ scopes: SCOPES, message: WORKLOAD_REFUSAL }),
    ]) {
      const error = mapped(thrown);
      expect(error.code).toBe('forbidden');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(
        "Entra refused the sign-in (AADSTS700016: Application with identifier '0f0f0f0f-1111-4222-8333-444455556666' was not found in the directory '94f38bfe-999e-4de3-8237-c914609507e6'.)",
      );
      expect(error.message).not.toMatch(/no Azure credential is available/);
      expect(error.details).toEqual({ azureCode: 'AADSTS700016', httpStatus: null });
      expect(error.cause).toBe(thrown);
    }
  });

  it('takes the status and answer of a refusal kept as the cause', () => {
    const answer = new AuthenticationError(401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: 1',
    });
    const error = mapped(
      chainOf(
        new AuthenticationRequiredError({ scopes: SCOPES, message: 'failed', cause: answer }),
      ),
    );
    expect(error.code).toBe('forbidden');
    expect(error.details).toEqual({ azureCode: 'AADSTS7000215', httpStatus: 401 });
  });

  it('reads a workload identity that could not reach Entra as retryable, not a refusal', () => {
    const error = mapped(
      chainOf(
        new AuthenticationRequiredError({
          scopes: SCOPES,
          message: 'network_error: Network request failed',
        }),
      ),
    );
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('(network_error: Network request failed)');
  });

  it('keeps "no credential available" when no credential of the chain got an answer from Entra', () => {
    const error = mapped(
      chainOf(new AuthenticationRequiredError({ scopes: SCOPES, message: 'No response.' })),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/no Azure credential is available/);
    expect(error.details).toEqual({ azureCode: 'AggregateAuthenticationError', httpStatus: null });
  });
});
