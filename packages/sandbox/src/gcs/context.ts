import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { gcsErrors } from './gcs-error';
import type { GcsBucket, GcsModel } from './model';
import type { ServiceAccount, ServiceAccounts } from './service-accounts';
import type { UploadSessions } from './upload-sessions';

/** Who is calling: a service account (bearer JWT or signed URL), or nobody. */
export type Principal =
  | { kind: 'service-account'; account: ServiceAccount }
  | { kind: 'signed-url'; account: ServiceAccount }
  | { kind: 'anonymous' };

export interface GcsContext {
  model: GcsModel;
  accounts: ServiceAccounts;
  sessions: UploadSessions;
  /** The listener's own URL: links and session URIs point back at it. */
  baseUrl: string;
}

export interface GcsRequest {
  method: string;
  rawPath: string;
  /** Path segments after the API prefix, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  principal: Principal;
}

export interface GcsReply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** A stream (large objects) carries its `content-length` in `headers`. */
  body?: Buffer | string | Readable;
}

export type Access = 'read' | 'write' | 'admin';

/**
 * The sandbox's IAM: a service account may do anything in its own project and nothing in
 * another; anonymous callers (and allAuthenticatedUsers) may only read objects of a public
 * bucket. Errors follow GCS: 401 when no one is signed in, 403 when the wrong one is.
 */
export function authorize(
  principal: Principal,
  bucket: GcsBucket,
  access: Access,
  isPublic: boolean,
): void {
  if (principal.kind === 'anonymous') {
    if (access === 'read' && isPublic) return;
    throw gcsErrors.required(
      `Anonymous caller does not have storage access to the Google Cloud Storage bucket.`,
    );
  }
  if (principal.account.project === bucket.project) return;
  if (access === 'read' && isPublic) return;
  throw gcsErrors.forbidden(
    `${principal.account.email} does not have storage access to the Google Cloud Storage bucket. Permission denied on resource (or it may not exist).`,
  );
}

export function findBucket(context: GcsContext, name: string): GcsBucket {
  const bucket = context.model.buckets.get(name);
  if (!bucket) throw gcsErrors.notFound('The specified bucket does not exist.');
  return bucket;
}

export function jsonBody(request: GcsRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw gcsErrors.invalid('The request body is not a JSON object.');
}

/** GCS object names: 1–1024 bytes of UTF-8, no CR or LF, not `.` or `..`. */
export function validObjectName(name: string): string {
  if (
    name === '' ||
    Buffer.byteLength(name) > 1024 ||
    /[\r\n]/.test(name) ||
    name === '.' ||
    name === '..'
  )
    throw gcsErrors.invalid('The object name is not valid.');
  return name;
}

export function stringRecord(value: unknown, what: string): Record<string, string | null> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw gcsErrors.invalid(`${what} must be an object.`);
  const out: Record<string, string | null> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== null && typeof item !== 'string')
      throw gcsErrors.invalid(`${what}.${key} must be a string.`);
    out[key] = item;
  }
  return out;
}

/** Applies a patch of string values where null removes a key (labels, object metadata). */
export function mergeStrings(
  current: Record<string, string>,
  patch: Record<string, string | null>,
): Record<string, string> {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
