import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CredentialStore } from '../aws/credential-store';
import type { FaultInjector } from '../faults/fault-injector';
import { parseQuery } from '../sigv4/canonical';
import type { StatsCounter } from '../stats';
import type { S3Bucket } from './model';
import { resolveOperation } from './operations';
import { readPayload } from './payload';
import { publicReadAllowed } from './policy';
import { authenticateS3, type S3Caller } from './s3-auth';
import { S3Error, accessDenied } from './s3-error';
import type { S3Context, S3Operation, S3Reply } from './s3-operation';
import type { S3State } from './s3-state';
import { renderS3Error } from './s3-xml';

export interface S3HandlerDeps {
  state: S3State;
  credentials: CredentialStore;
  faults: FaultInjector;
  stats: StatsCounter;
  now: () => number;
  onError: (error: unknown) => void;
  /** Largest single PUT or part the sandbox keeps in memory (S3 allows 5 GiB). */
  maxObjectBytes: number;
}

/** Request documents (XML configurations, policies, Delete lists) are small. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function splitPath(rawPath: string): { bucket: string; key: string } {
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  const slash = path.indexOf('/');
  try {
    return slash === -1
      ? { bucket: decodeURIComponent(path), key: '' }
      : {
          bucket: decodeURIComponent(path.slice(0, slash)),
          key: decodeURIComponent(path.slice(slash + 1)),
        };
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

/** Who may do what: the bucket's own account always; anyone else only public reads. */
function authorize(op: S3Operation, caller: S3Caller, bucket: S3Bucket | null): void {
  if (op.access === 'account') {
    if (caller.kind === 'anonymous') throw accessDenied();
    return;
  }
  if (!bucket) return;
  if (caller.kind === 'signed' && caller.principal.accountId === bucket.account) {
    if (caller.region !== bucket.region && op.name !== 'GetBucketLocation')
      throw new S3Error(
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        301,
        { Bucket: bucket.name, Endpoint: `s3.${bucket.region}.amazonaws.com` },
        { 'x-amz-bucket-region': bucket.region },
      );
    return;
  }
  if (op.access === 'public-read' && publicReadAllowed(bucket)) return;
  throw accessDenied();
}

/**
 * Serves one S3 REST request, path-style (`/bucket/key`), before anything reads its body:
 * count it, add latency, authenticate, inject faults, authorize, then run — the order the
 * Query router keeps, so a throttled request is still an authenticated one.
 */
export function createS3Handler(deps: S3HandlerDeps) {
  const faultReply = (outcome: 'throttle' | 'internal' | 'unavailable') =>
    outcome === 'throttle'
      ? new S3Error('SlowDown', 'Please reduce your request rate.', 503)
      : outcome === 'internal'
        ? new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500)
        : new S3Error('ServiceUnavailable', 'Service is unable to handle request.', 503);

  async function run(
    req: IncomingMessage,
    rawPath: string,
    rawQuery: string,
    requestId: string,
  ): Promise<{ reply: S3Reply; injected: 'throttle' | 'error' | null }> {
    const method = req.method ?? 'GET';
    const query = new Map(parseQuery(rawQuery));
    const now = deps.now();
    let op: S3Operation | null = null;
    try {
      const { bucket: bucketName, key } = splitPath(rawPath);
      op = resolveOperation(
        method,
        bucketName,
        key,
        query,
        req.headers['x-amz-copy-source'] !== undefined,
      );
      deps.stats.request('s3', op.name);
      const decision = deps.faults.decide('s3');
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      const caller = authenticateS3(req, rawPath, rawQuery, deps.credentials, now);
      if (decision.outcome !== 'pass') {
        return {
          reply: errorReply(faultReply(decision.outcome), requestId, method),
          injected: decision.outcome === 'throttle' ? 'throttle' : 'error',
        };
      }
      const bucket = op.access === 'account' ? null : deps.state.bucket(bucketName);
      authorize(op, caller, bucket);
      const signing = caller.kind === 'signed' ? caller.signing : null;
      const ctx: S3Context = {
        state: deps.state,
        principal: caller.kind === 'signed' ? caller.principal : null,
        region: caller.kind === 'signed' ? caller.region : null,
        bucketName,
        key,
        query,
        headers: req.headers,
        requestId,
        now,
        payload: () => readPayload(req, req.headers, deps.maxObjectBytes, signing),
        text: async () =>
          (await readPayload(req, req.headers, MAX_DOCUMENT_BYTES, signing)).data.toString('utf8'),
      };
      return { reply: await op.run(ctx, bucket), injected: null };
    } catch (error) {
      if (!op) deps.stats.request('s3', '(unknown)');
      if (error instanceof S3Error)
        return { reply: errorReply(error, requestId, method), injected: null };
      deps.onError(error);
      return { reply: errorReply(faultReply('internal'), requestId, method), injected: null };
    }
  }

  return async function handleS3(
    req: IncomingMessage,
    res: ServerResponse,
    rawPath: string,
    rawQuery: string,
  ): Promise<void> {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
    const { reply, injected } = await run(req, rawPath, rawQuery, requestId);
    deps.stats.outcome(reply.status, injected);
    const body = req.method === 'HEAD' ? undefined : reply.body;
    const headers: Record<string, string> = {
      'x-amz-request-id': requestId,
      'x-amz-id-2': Buffer.from(requestId).toString('base64'),
      date: new Date(deps.now()).toUTCString(),
      server: 'AmazonS3',
      'x-ccx-sandbox': 'true',
      ...reply.headers,
    };
    if (reply.body instanceof Readable && body === undefined) reply.body.destroy();
    if (body !== undefined && !(body instanceof Readable))
      headers['content-length'] = String(Buffer.byteLength(body));
    else if (headers['content-length'] === undefined) headers['content-length'] = '0';
    // An answer given before the upload was read (an error) ends the connection rather than
    // draining what may be gigabytes the client is still sending.
    if (!req.complete) headers.connection = 'close';
    res.writeHead(reply.status, headers);
    if (body instanceof Readable) {
      // A client that goes away mid-body destroys the response; the stream stops with it.
      await pipeline(body, res).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE')
          deps.onError(error);
      });
    } else res.end(body);
  };
}

function errorReply(error: S3Error, requestId: string, method: string): S3Reply {
  return {
    status: error.status,
    headers: {
      ...error.headers,
      ...(method === 'HEAD' ? {} : { 'content-type': 'application/xml' }),
    },
    body:
      method === 'HEAD'
        ? undefined
        : renderS3Error(error.code, error.message, error.extra, requestId),
  };
}
