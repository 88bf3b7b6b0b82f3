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

/** What @azure/identity throws for a workload identity whose authority MSAL cannot resolve. */
const AUTHORITY_UNRESOLVED = 'endpoints_resolution_error: Endpoints cannot be resolved';

/** Trace, correlation and timestamp lines, as Entra appends them to an `error_description`. */
const DIAGNOSTIC_LINES =
  '\r\nTrace ID: c1806f4a-bcae-4ac1-b7ff-4eea2dcd1200\r\nCorrelation ID: 9d8aaacf-a655-4b1f-b113-3d0691054798\r\nTimestamp: 2026-01-05 10:00:00Z';

/** The reason a refusal's message gives, between its parentheses. */
const reasonOf = (error: CcxError): string | undefined =>
  /Entra refused the sign-in \((.*)\)\. Check the tenant/s.exec(error.message)?.[1];

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

  it('reads a workload identity whose authority cannot be resolved, inside a chain or alone, as retryable', () => {
    const unresolved = new CredentialUnavailableError(AUTHORITY_UNRESOLVED);
    // The default chain's order: environment, workload identity, then managed identity.
    const chain = new AggregateAuthenticationError(
      [
        new CredentialUnavailableError('EnvironmentCredential is unavailable.'),
        unresolved,
        new CredentialUnavailableError(
          'ManagedIdentityCredential: Attempted to use the IMDS endpoint, but it is not available.',
        ),
      ],
      'ChainedTokenCredential authentication failed.',
    );
    for (const thrown of [chain, unresolved]) {
      const error = mapped(thrown);
      expect(error.code).toBe('unavailable');
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(
        `${target.what}: Entra could not be reached or is busy (${AUTHORITY_UNRESOLVED}). Check the authority host and the tenant.`,
      );
      expect(error.details).toEqual({ azureCode: null, httpStatus: null });
      expect(error.cause).toBe(thrown);
    }
  });

  it('reads a managed identity whose endpoint does not answer as retryable', () => {
    const thrown = chainOf(
      new CredentialUnavailableError(
        'ManagedIdentityCredential: Network unreachable. Message: network_error: Network request failed',
      ),
    );
    const error = mapped(thrown);
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(
      'the managed identity endpoint could not be reached (network_error: Network request failed)',
    );
    expect(error.message).not.toMatch(/no Azure credential is available/);
  });

  it.each([
    'WorkloadIdentityCredential: is unavailable. tenantId is a required parameter. In DefaultAzureCredential and ManagedIdentityCredential, this can be provided as an environment variable - "AZURE_TENANT_ID".',
    'ManagedIdentityCredential: Attempted to use the IMDS endpoint, but it is not available.',
    "Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.",
    // A message that only mentions a network error is not MSAL's report of one.
    'AzureDeveloperCliCredential: stderr mentions network_error: Network request failed',
  ])('keeps "no credential available" for a credential with nothing configured: %s', (message) => {
    const error = mapped(chainOf(new CredentialUnavailableError(message)));
    expect(error.code).toBe('forbidden');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/no Azure credential is available/);
  });

  it('keeps a tenant named by its domain whole, without the trace lines', () => {
    const error = refused(400, {
      error: 'invalid_tenant',
      error_description: `AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.${DIAGNOSTIC_LINES}`,
    });
    expect(reasonOf(error)).toBe("AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found.");
    expect(error.details).toEqual({ azureCode: 'AADSTS90002', httpStatus: 400 });
  });

  it("keeps a directory named by its domain whole in MSAL's one-line form", () => {
    const message = WORKLOAD_REFUSAL.replace(
      "'94f38bfe-999e-4de3-8237-c914609507e6'",
      "'contoso.onmicrosoft.com'",
    );
    const error = mapped(new AuthenticationRequiredError({ scopes: SCOPES, message }));
    expect(reasonOf(error)).toBe(
      "AADSTS700016: Application with identifier '0f0f0f0f-1111-4222-8333-444455556666' was not found in the directory 'contoso.onmicrosoft.com'.",
    );
  });

  it('ends a reason without a full stop at its line, before any trace id on that line', () => {
    const ownLine = refused(400, {
      error: 'invalid_tenant',
      error_description: `AADSTS90002: Tenant contoso.onmicrosoft.com not found${DIAGNOSTIC_LINES}`,
    });
    expect(reasonOf(ownLine)).toBe('AADSTS90002: Tenant contoso.onmicrosoft.com not found');
    const sameLine = refused(400, {
      error: 'invalid_tenant',
      error_description:
        'AADSTS90002: Tenant contoso.onmicrosoft.com not found Trace ID: c1806f4a-bcae-4ac1-b7ff-4eea2dcd1200 Correlation ID: 9d8aaacf-a655-4b1f-b113-3d0691054798 Timestamp: 2026-01-05 10:00:00Z',
    });
    expect(reasonOf(sameLine)).toBe('AADSTS90002: Tenant contoso.onmicrosoft.com not found');
  });

  it('caps a long first sentence', () => {
    const uri = `https://app.contoso.com/${'callback/'.repeat(60)}`;
    const error = refused(400, {
      error: 'invalid_request',
      error_description: `AADSTS50011: The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application.${DIAGNOSTIC_LINES}`,
    });
    const reason = reasonOf(error)!;
    expect(reason).toMatch(
      /^AADSTS50011: The redirect URI 'https:\/\/app\.contoso\.com\/callback\//,
    );
    expect(reason).toHaveLength(300);
    expect(reason.endsWith('…')).toBe(true);
    expect(error.details['azureCode']).toBe('AADSTS50011');
  });
});
