import type { z } from 'zod';
import { sessionInfoSchema } from '@ccx/api/contract';
import { ApiError, codeForStatus, errorBodySchema } from './errors';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /**
   * False for calls where 401 is an answer rather than a lost session: the login form (bad
   * credentials) and the first `me` probe (not signed in yet).
   */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** Prefix for every path; empty when the app is served by the API's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when a call answers 401: the session expired or was revoked. */
  onUnauthenticated?: () => void;
}

export interface ApiClient {
  request<S extends z.ZodType>(
    path: string,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
  /** For answers without a body (204). */
  send(path: string, options?: RequestOptions): Promise<void>;
  /** Remembers the session's CSRF token (from login or `me`); null forgets it (logout). */
  setCsrfToken(token: string | null): void;
  url(path: string, query?: Query): string;
}

const MUTATIONS = new Set(['POST', 'PATCH', 'DELETE']);

/** The API marks a refused CSRF token with `details.reason`, unlike a refusal by role. */
function isStaleCsrf(error: ApiError): boolean {
  return error.status === 403 && error.details['reason'] === 'csrf';
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(key, item);
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A fetch wrapper for the HTTP API. Cookies ride along (`credentials: 'include'`); every
 * mutation carries the session's CSRF token, fetched from `me` first when the page has not
 * learned it yet. Every answer is checked against its schema, so a component only ever sees
 * data of the documented shape or an `ApiError`.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let csrfToken: string | null = null;
  let pendingCsrf: Promise<string> | null = null;

  const url = (path: string, query?: Query): string => `${baseUrl}${path}${buildQuery(query)}`;

  /**
   * One call. A mutation refused for its CSRF token (the session was replaced in another tab,
   * or the server restarted with a new one) forgets the token, learns the current one from
   * `me` and is sent once more; a second refusal is the caller's to see.
   */
  async function raw(path: string, opts: RequestOptions, retried = false): Promise<Response> {
    const method = opts.method ?? 'GET';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const needsCsrf = MUTATIONS.has(method) && path !== '/api/auth/login';
    if (needsCsrf) headers['x-csrf-token'] = csrfToken ?? (await loadCsrfToken());
    let response: Response;
    try {
      response = await doFetch(url(path, opts.query), {
        method,
        headers,
        credentials: 'include',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('network', 'The server could not be reached', { status: 0, cause: error });
    }
    if (response.ok) return response;
    const error = await toApiError(response, opts.redirectOn401 ?? true);
    if (needsCsrf && !retried && isStaleCsrf(error)) {
      csrfToken = null;
      return raw(path, opts, true);
    }
    throw error;
  }

  async function toApiError(response: Response, redirect: boolean): Promise<ApiError> {
    if (response.status === 401 && redirect) options.onUnauthenticated?.();
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null; // not JSON (a proxy page); the status alone decides the code below
    }
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(code, message, { status: response.status, details });
    }
    return new ApiError(
      codeForStatus(response.status),
      `Request failed with status ${response.status}`,
      {
        status: response.status,
      },
    );
  }

  function loadCsrfToken(): Promise<string> {
    pendingCsrf ??= request('/api/auth/me', sessionInfoSchema)
      .then((session) => {
        csrfToken = session.csrfToken;
        return session.csrfToken;
      })
      .finally(() => {
        pendingCsrf = null;
      });
    return pendingCsrf;
  }

  async function request<S extends z.ZodType>(
    path: string,
    schema: S,
    opts: RequestOptions = {},
  ): Promise<z.output<S>> {
    const response = await raw(path, opts);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ApiError('bad_response', `The answer from ${path} was not JSON`, {
        status: response.status,
        cause: error,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(
        'bad_response',
        `The answer from ${path} did not have the expected shape`,
        {
          status: response.status,
          cause: parsed.error,
          details: { issues: parsed.error.issues.slice(0, 5) },
        },
      );
    }
    return parsed.data;
  }

  async function send(path: string, opts: RequestOptions = {}): Promise<void> {
    const response = await raw(path, opts);
    await response.body?.cancel();
  }

  return {
    request,
    send,
    url,
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
