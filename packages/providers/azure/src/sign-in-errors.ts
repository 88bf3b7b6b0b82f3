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

/** The most of Entra's reason a message repeats; its first sentences run well under it. */
const REASON_LIMIT = 300;

/** Where Entra's diagnostics start, on the reason's line (`… tenant. Trace ID: …`) or the next. */
const DIAGNOSTICS = /\s*\b(?:Trace ID|Correlation ID|Timestamp):/i;

/**
 * The first sentence of `text`: up to the first full stop followed by whitespace or the end, or
 * to the end of the first line, before any diagnostics, and capped. A full stop inside a name
 * (`contoso.onmicrosoft.com`, `https://host./path`) does not end it.
 */
function firstSentence(text: string): string {
  const line = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const diagnostics = DIAGNOSTICS.exec(line);
  const reason = diagnostics ? line.slice(0, diagnostics.index) : line;
  const end = /\.(?=\s|$)/.exec(reason);
  const sentence = (end ? reason.slice(0, end.index + 1) : reason).trim();
  return sentence.length > REASON_LIMIT ? `${sentence.slice(0, REASON_LIMIT - 1)}…` : sentence;
}

/**
 * `AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found.`: the code and its first sentence
 * only, without the trace and correlation ids and the timestamp Entra appends.
 */
function entraReason(error: IdentityErrorShape): string | null {
  const answer = answerOf(error);
  const text = answer ?? error.message;
  const code = /AADSTS\d+:/.exec(text);
  if (code) return firstSentence(text.slice(code.index));
  // MSAL's own failures (`endpoints_resolution_error: …`) come as the answer's first line.
  const first = answer === null ? '' : firstSentence(answer);
  return first || null;
}

/** MSAL's codes for an authority it could not reach, or whose metadata it could not read. */
const UNREACHABLE = /^(?:network_error|endpoints_resolution_error)\b/;

/** How managed identity reports an endpoint it could not reach, before the underlying message. */
const IDENTITY_ENDPOINT_UNREACHABLE =
  /^ManagedIdentityCredential: Network unreachable\. (?:Message: )?/;

/**
 * Whether `error` is a credential that was configured but could not reach where it signs in:
 * @azure/identity reports a workload identity whose authority MSAL could not resolve
 * (`endpoints_resolution_error`), and a managed identity whose endpoint did not answer, as
 * unavailable, like a credential with nothing configured. Those are worth another try.
 */
function isUnreachable(error: unknown): error is IdentityErrorShape {
  return (
    error instanceof Error &&
    error.name === UNAVAILABLE &&
    (UNREACHABLE.test(error.message) || IDENTITY_ENDPOINT_UNREACHABLE.test(error.message))
  );
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
  return /\bAADSTS\d+/.test(shaped.message) || UNREACHABLE.test(shaped.message);
}

/**
 * The first refusal, or credential that could not reach where it signs in, in what the
 * credential threw, looking inside a chain's aggregate in the chain's order; an
 * `AuthenticationRequiredError` that wraps Entra's parsed answer as its cause gives that answer.
 */
function firstFailure(error: IdentityErrorShape): IdentityErrorShape | null {
  const candidates: unknown[] =
    error.name === AGGREGATE && Array.isArray(error.errors) ? error.errors : [error];
  for (const found of candidates) {
    if (isUnreachable(found)) return found;
    if (!isRefusal(found)) continue;
    return found.name === REQUIRED && isRefusal(found.cause) ? found.cause : found;
  }
  return null;
}

/** A configured credential that could not reach its authority or endpoint, as `unavailable`. */
function unreachableError(error: Error, target: SignInTarget, found: Error): CcxError {
  const endpoint = IDENTITY_ENDPOINT_UNREACHABLE.exec(found.message);
  const reason = firstSentence(found.message.slice(endpoint?.[0].length ?? 0)) || 'no answer';
  const problem = endpoint
    ? `the managed identity endpoint could not be reached (${reason}). Check that this host has a managed identity and that its endpoint answers.`
    : `Entra could not be reached or is busy (${reason}). Check the authority host and the tenant.`;
  return new CcxError('unavailable', `${target.what}: ${problem}`, {
    cause: error,
    retryable: true,
    details: { azureCode: null, httpStatus: null },
  });
}

/**
 * What a token credential threw, as a domain error that says what to configure. No credential
 * available (nothing is set where the chain looks) and a refusal by Entra (an
 * `AuthenticationError`, or an `AuthenticationRequiredError` carrying Entra's answer, as
 * workload identity and a client secret outside the environment credential throw it) are
 * `forbidden` and not retryable; a refusal keeps Entra's `AADSTS` code as `azureCode` when its
 * answer has one (null otherwise), and the secret is never part of Entra's answer. An authority
 * (or managed identity endpoint) that cannot be reached, throttles or fails is `unavailable` (or
 * `rate_limited`) and retryable, also where @azure/identity reports it as an unavailable
 * credential. Anything else passes through unchanged, for the caller's own mapping.
 */
export function signInError(error: unknown, target: SignInTarget): unknown {
  if (!(error instanceof Error)) return error;
  const shaped = error as IdentityErrorShape;
  const failure = firstFailure(shaped);
  // `firstFailure` gives an unavailable credential only when it could not reach its authority.
  if (failure?.name === UNAVAILABLE) return unreachableError(error, target, failure);
  if (failure) {
    const status = failure.statusCode ?? 0;
    const answer = answerOf(failure);
    // MSAL reports an authority whose metadata it cannot read (down, unreachable, or no such
    // tenant there) as a refusal too, with status 400: that one is worth another try.
    const unreachable =
      status === 429 || status >= 500 || (answer !== null && UNREACHABLE.test(answer));
    if (unreachable)
      return new CcxError(
        status === 429 ? 'rate_limited' : 'unavailable',
        `${target.what}: Entra could not be reached or is busy (${entraReason(failure) ?? `HTTP ${status}`}). Check the authority host and the tenant.`,
        {
          cause: error,
          retryable: true,
          details: { azureCode: null, httpStatus: failure.statusCode ?? null },
        },
      );
    const reason = entraReason(failure) ?? `HTTP ${failure.statusCode ?? 'error'}`;
    return new CcxError(
      'forbidden',
      `${target.what}: Entra refused the sign-in (${reason}). Check the tenant, authority host, client id and secret (or certificate) the credential uses.`,
      {
        cause: error,
        retryable: false,
        details: {
          azureCode: /AADSTS\d+/.exec(reason)?.[0] ?? null,
          httpStatus: failure.statusCode ?? null,
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
