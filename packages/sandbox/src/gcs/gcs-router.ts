import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from '../faults/fault-injector';
import type { StatsCounter } from '../stats';
import { verifyBearer } from './bearer-auth';
import { routeBuckets } from './bucket-routes';
import type { GcsContext, GcsReply, GcsRequest, Principal } from './context';
import { GcsError, gcsErrors, GcsXmlError } from './gcs-error';
import { routeDownload, routeObjects } from './object-routes';
import { verifySignedUrl } from './signed-url';
import { routeUpload } from './upload-routes';
import { routeXml } from './xml-routes';

export interface GcsRouterDeps {
  context: GcsContext;
  faults: FaultInjector;
  stats: StatsCounter;
  now: () => number;
}

export interface RawRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Api = 'json' | 'upload' | 'download' | 'xml';

const PREFIXES: [string, Api][] = [
  ['/storage/v1/', 'json'],
  ['/upload/storage/v1/', 'upload'],
  ['/download/storage/v1/', 'download'],
];

function splitPath(rawPath: string): { api: Api; segments: string[] } {
  const [prefix, api] = PREFIXES.find(([p]) => rawPath.startsWith(p)) ?? ['/', 'xml'];
  const rest = rawPath.slice(prefix.length);
  const segments = rest === '' ? [] : rest.split('/').map((s) => decodeURIComponent(s));
  return { api, segments };
}

/** `buckets.get`, `objects.list`… for stats; unknown shapes count under the API name. */
function operationOf(api: Api, method: string, segments: string[], query: URLSearchParams): string {
  if (api === 'xml') return `xml.${method}`;
  if (api === 'upload') return `objects.insert.${query.get('uploadType') ?? 'unknown'}`;
  if (api === 'download') return 'objects.download';
  const [, bucket, sub, object, action] = segments;
  if (bucket === undefined) return method === 'POST' ? 'buckets.insert' : 'buckets.list';
  if (sub === 'iam') return method === 'PUT' ? 'buckets.setIamPolicy' : 'buckets.getIamPolicy';
  if (sub === undefined) return `buckets.${method.toLowerCase()}`;
  if (object === undefined) return 'objects.list';
  if (action !== undefined) return `objects.${action}`;
  return `objects.${query.get('alt') === 'media' ? 'media' : method.toLowerCase()}`;
}

function principalOf(
  raw: RawRequest,
  query: URLSearchParams,
  api: Api,
  deps: GcsRouterDeps,
): Principal {
  const accounts = deps.context.accounts;
  if (api === 'xml' && query.has('X-Goog-Signature')) {
    const account = verifySignedUrl(
      { method: raw.method, rawPath: raw.rawPath, query, headers: raw.headers },
      accounts,
      deps.now(),
    );
    return { kind: 'signed-url', account };
  }
  const authorization = raw.headers.authorization;
  if (typeof authorization === 'string' && authorization !== '')
    return { kind: 'service-account', account: verifyBearer(authorization, accounts, deps.now()) };
  return { kind: 'anonymous' };
}

function errorReply(error: GcsError | GcsXmlError): GcsReply {
  return {
    status: error.status,
    headers: {
      'content-type':
        error instanceof GcsXmlError
          ? 'application/xml; charset=UTF-8'
          : 'application/json; charset=UTF-8',
    },
    body: error.body(),
  };
}

/**
 * The GCS simulator's request pipeline: faults first (as a real front end throttles before
 * authenticating), then the caller's identity (bearer JWT, signed URL or none), then the
 * route. JSON-API failures answer the JSON error shape, XML-path failures the XML one.
 */
export function createGcsRouter(deps: GcsRouterDeps) {
  return async (raw: RawRequest): Promise<GcsReply> => {
    const query = new URLSearchParams(raw.rawQuery);
    let api: Api = 'json';
    let injected: 'throttle' | 'error' | null = null;
    let reply: GcsReply;
    try {
      const split = splitPath(raw.rawPath);
      api = split.api;
      deps.stats.request('gcs', operationOf(api, raw.method, split.segments, query));
      const decision = deps.faults.decide('gcs');
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.outcome === 'throttle') {
        injected = 'throttle';
        throw gcsErrors.rateLimited();
      }
      if (decision.outcome !== 'pass') {
        injected = 'error';
        throw gcsErrors.unavailable();
      }
      const request: GcsRequest = {
        method: raw.method,
        rawPath: raw.rawPath,
        segments: split.segments,
        query,
        headers: raw.headers,
        body: raw.body,
        principal: principalOf(raw, query, api, deps),
      };
      const context = deps.context;
      if (api === 'xml') reply = routeXml(context, request);
      else if (api === 'upload') reply = routeUpload(context, request);
      else if (api === 'download') reply = routeDownload(context, request);
      else if (split.segments[0] === 'b' && split.segments[2] === 'o')
        reply = routeObjects(context, request);
      else if (split.segments[0] === 'b') reply = routeBuckets(context, request);
      else throw gcsErrors.notFound('Not Found');
    } catch (error) {
      if (error instanceof URIError)
        reply = errorReply(gcsErrors.invalid('Malformed percent-encoding.'));
      else if (error instanceof GcsXmlError) reply = errorReply(error);
      else if (error instanceof GcsError) {
        reply =
          api === 'xml' && !injected
            ? errorReply(new GcsXmlError(error.status, xmlCode(error.reason), error.message))
            : errorReply(error);
      } else throw error;
    }
    deps.stats.outcome(reply.status, injected);
    return reply;
  };
}

function xmlCode(reason: string): string {
  if (reason === 'notFound') return 'NoSuchKey';
  if (reason === 'required' || reason === 'authError' || reason === 'forbidden')
    return 'AccessDenied';
  if (reason === 'rateLimitExceeded') return 'SlowDown';
  return 'InvalidArgument';
}
