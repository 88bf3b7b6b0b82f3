import { CcxError } from '@ccx/core';

/** Where a keyless connection's credential comes from, for the message that says what to set. */
export interface SignInTarget {
  /** Who signs in, as the message names it: `Azure sign-in to tenant <id> as compute.clientId`. */
  what: string;
  /**
   * What to set instead of the default chain, as the message says it: a config key
   * (`compute.clientSecret`) or, for a storage account, its key.
   */
  configKey: string;
}

interface IdentityErrorShape extends Error {
  statusCode?: number;
  errorResponse?: { error?: unknown; errorDescription?: unknown };
  errors?: unknown[];
}

const UNAVAILABLE = 'CredentialUnavailableError';
const AGGREGATE = 'AggregateAuthenticationError';
const REFUSED = 'AuthenticationError';
const REQUIRED = 'AuthenticationRequiredError';

/**
 * What Entra (or MSAL) answered, as text: the parsed description of an `AuthenticationError`;
 * for an `AuthenticationRequiredError`, its message, which is all it keeps of MSAL's error
 * (`invalid_client: Error(s): 7000215 - … - Description: AADSTS7000215: …`).
 */
function answerOf(error: IdentityErrorShape): string | null {
  const description = error.errorResponse?.errorDescription;
  if (typeof description === 'string') return description;
  return error.name === REQUIRED && error.message ? error.message : null;
}

/** `AADSTS7000215: Invalid client secret provided.`: the code and its first sentence only. */
function entraReason(error: IdentityErrorShape): string | null {
  const answer = answerOf(error);
  const match = /AADSTS\d+:[^.\n]*\./.exec(answer ?? error.message);
  if (match) return match[0];
  // MSAL's own failures (`endpoints_resolution_error: …`) come as the answer's first line.
  const first = answer?.split('\n', 1)[0]?.trim() ?? '';
  return first ? first.slice(0, 200) : null;
}

/**
 * Whether `error` carries Entra's answer to a sign-in. Outside the environment credential,
 * @azure/identity turns what MSAL throws (Entra's refusal included) into an
 * `AuthenticationRequiredError` that keeps only MSAL's message: it is a refusal when that
 * message holds an AADSTS code or says the authority could not be reached. Without either
 * (no cached account, a response without a token) it is not, and a chain reports it among
 * the unavailable credentials.
 */
function isRefusal(error: unknown): error is IdentityErrorShape {
  if (!(error instanceof Error)) return false;
  if (error.name === REFUSED) return true;
  if (error.name !== REQUIRED) return false;
  const shaped = error as IdentityErrorShape;
  if (shaped.errorResponse !== undefined || isRefusal(shaped.cause)) return true;
  return /\bAADSTS\d+|^(network_error|endpoints_resolution_error)\b/.test(shaped.message);
}

/**
 * The first refusal in what the credential threw, looking inside a chain's aggregate; an
 * `AuthenticationRequiredError` that wraps Entra's parsed answer as its cause gives that answer.
 */
function firstRefusal(error: IdentityErrorShape): IdentityErrorShape | null {
  const candidates: unknown[] =
    error.name === AGGREGATE && Array.isArray(error.errors) ? error.errors : [error];
  for (const found of candidates) {
    if (!isRefusal(found)) continue;
    return found.name === REQUIRED && isRefusal(found.cause) ? found.cause : found;
  }
  return null;
}

/**
 * What a token credential threw, as a domain error that says what to configure. No credential
 * available (nothing is set where the chain looks) and a refusal by Entra (an
 * `AuthenticationError`, or an `AuthenticationRequiredError` carrying Entra's answer, as
 * workload identity and a client secret outside the environment credential throw it) are
 * `forbidden` and
 * not retryable; a refusal keeps Entra's `AADSTS` code as `azureCode` when its answer has one
 * (null otherwise), and the secret is never part of Entra's answer. An authority that cannot be
 * reached, throttles or fails is `unavailable` (or `rate_limited`) and retryable. Anything else
 * passes through unchanged, for the caller's own mapping.
 */
export function signInError(error: unknown, target: SignInTarget): unknown {
  if (!(error instanceof Error)) return error;
  const shaped = error as IdentityErrorShape;
  const refusal = firstRefusal(shaped);
  if (refusal) {
    const status = refusal.statusCode ?? 0;
    const answer = answerOf(refusal);
    // MSAL reports an authority whose metadata it cannot read (down, unreachable, or no such
    // tenant there) as a refusal too, with status 400: that one is worth another try.
    const unreachable =
      status === 429 ||
      status >= 500 ||
      (answer !== null && /^(network_error|endpoints_resolution_error)\b/.test(answer));
    if (unreachable)
      return new CcxError(
        status === 429 ? 'rate_limited' : 'unavailable',
        `${target.what}: Entra could not be reached or is busy (${entraReason(refusal) ?? `HTTP ${status}`}). Check the authority host and the tenant.`,
        {
          cause: error,
          retryable: true,
          details: { azureCode: null, httpStatus: refusal.statusCode ?? null },
        },
      );
    const reason = entraReason(refusal) ?? `HTTP ${refusal.statusCode ?? 'error'}`;
    return new CcxError(
      'forbidden',
      `${target.what}: Entra refused the sign-in (${reason}). Check the tenant, authority host, client id and secret (or certificate) the credential uses.`,
      {
        cause: error,
        retryable: false,
        details: {
          azureCode: /AADSTS\d+/.exec(reason)?.[0] ?? null,
          httpStatus: refusal.statusCode ?? null,
        },
      },
    );
  }
  if (shaped.name === UNAVAILABLE || shaped.name === AGGREGATE)
    return new CcxError(
      'forbidden',
      `${target.what}: no Azure credential is available. Set ${target.configKey} in the connection, or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (with AZURE_AUTHORITY_HOST outside the public cloud) in the environment of ccx, or run it with a managed or workload identity, or after \`az login\`.`,
      { cause: error, retryable: false, details: { azureCode: shaped.name, httpStatus: null } },
    );
  return error;
}
