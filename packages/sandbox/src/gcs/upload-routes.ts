import { storageClassOf } from './bucket-routes';
import {
  authorize,
  findBucket,
  jsonBody,
  mergeStrings,
  stringRecord,
  validObjectName,
  type GcsContext,
  type GcsReply,
  type GcsRequest,
} from './context';
import { GcsError, gcsErrors } from './gcs-error';
import { parseMultipartRelated } from './multipart';
import { objectResource } from './resources';
import type { UploadSession, UploadTarget } from './upload-sessions';

function header(request: GcsRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The target of an insert from the query (`name`) and the JSON metadata, checked up front. */
function targetOf(
  context: GcsContext,
  request: GcsRequest,
  metadata: Record<string, unknown>,
  contentType: string | undefined,
): UploadTarget {
  const [, bucketName = ''] = request.segments;
  const bucket = findBucket(context, bucketName);
  authorize(request.principal, bucket, 'write', false);
  const name =
    request.query.get('name') ?? (typeof metadata.name === 'string' ? metadata.name : '');
  validObjectName(name);
  return {
    bucket: bucket.name,
    name,
    contentType:
      (typeof metadata.contentType === 'string' ? metadata.contentType : contentType) ??
      'application/octet-stream',
    metadata: mergeStrings({}, stringRecord(metadata.metadata, 'metadata')),
    ...(metadata.storageClass === undefined
      ? {}
      : { storageClass: storageClassOf(metadata.storageClass, bucket.storageClass) }),
    ifGenerationMatch: request.query.get('ifGenerationMatch'),
  };
}

function store(context: GcsContext, target: UploadTarget, data: Buffer): GcsReply {
  const bucket = findBucket(context, target.bucket);
  const current = context.model.findObject(bucket, target.name, null);
  if (
    target.ifGenerationMatch !== null &&
    (current?.generation ?? '0') !== target.ifGenerationMatch
  )
    throw new GcsError(
      412,
      'conditionNotMet',
      'At least one of the pre-conditions you specified did not hold.',
    );
  const object = context.model.putObject(bucket, {
    name: target.name,
    size: data.length,
    content: () => data,
    contentType: target.contentType,
    metadata: target.metadata,
    ...(target.storageClass === undefined ? {} : { storageClass: target.storageClass }),
  });
  return { status: 200, json: objectResource(context.baseUrl, object) };
}

function startResumable(context: GcsContext, request: GcsRequest): GcsReply {
  const target = targetOf(
    context,
    request,
    jsonBody(request),
    header(request, 'x-upload-content-type'),
  );
  const declared = Number(header(request, 'x-upload-content-length'));
  const session = context.sessions.start(
    target,
    Number.isInteger(declared) && declared >= 0 ? declared : null,
  );
  const location = `${context.baseUrl}/upload/storage/v1/b/${encodeURIComponent(target.bucket)}/o?uploadType=resumable&name=${encodeURIComponent(target.name)}&upload_id=${session.id}`;
  return { status: 200, headers: { location }, body: '' };
}

function incomplete(session: UploadSession): GcsReply {
  return {
    status: 308,
    headers: session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {},
    body: '',
  };
}

function finish(context: GcsContext, request: GcsRequest, session: UploadSession): GcsReply {
  const reply = store(context, session.target, Buffer.concat(session.chunks));
  const bucket = findBucket(context, session.target.bucket);
  const object = context.model.findObject(bucket, session.target.name, null);
  if (object) context.sessions.finish(session, object);
  return reply;
}

/**
 * One PUT of a resumable session. `Content-Range: bytes a-b/*` appends a chunk and answers
 * 308 with the `Range` persisted so far; `bytes a-b/N` (or `a-*` in a single-request upload)
 * completes the object once N bytes are in; `bytes *\/N` asks for the status. Bytes the client
 * resends below what was received are skipped, as GCS does after a lost 308.
 */
function putResumable(context: GcsContext, request: GcsRequest): GcsReply {
  const session = context.sessions.get(request.query.get('upload_id') ?? '');
  if (!session) throw gcsErrors.notFound('No such upload session.');
  if (session.result) return { status: 200, json: objectResource(context.baseUrl, session.result) };
  const range = header(request, 'content-range');
  if (range === undefined) {
    session.chunks = [request.body];
    session.received = request.body.length;
    return finish(context, request, session);
  }
  const match = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(range.trim());
  if (!match) throw gcsErrors.invalid(`Invalid Content-Range: ${range.slice(0, 60)}`);
  const [, from, to, total] = match;
  if (total !== '*' && total !== undefined) session.total = Number(total);
  if (from !== undefined) {
    const start = Number(from);
    if (start > session.received)
      throw new GcsError(400, 'invalid', 'The chunk starts after the bytes received so far.');
    const fresh = request.body.subarray(session.received - start);
    session.chunks.push(fresh);
    session.received += fresh.length;
  }
  const openEnded = to === '*' && total === '*';
  if (session.total !== null && session.received > session.total)
    throw gcsErrors.invalid('More bytes were sent than the declared size.');
  if ((session.total !== null && session.received === session.total) || openEnded)
    return finish(context, request, session);
  return incomplete(session);
}

/** `/upload/storage/v1/b/{bucket}/o?uploadType=media|multipart|resumable` */
export function routeUpload(context: GcsContext, request: GcsRequest): GcsReply {
  const uploadType = request.query.get('uploadType');
  if (request.method === 'PUT' && uploadType === 'resumable') return putResumable(context, request);
  if (request.method !== 'POST') throw gcsErrors.invalid(`Unsupported method ${request.method}.`);
  switch (uploadType) {
    case 'media':
      return store(
        context,
        targetOf(context, request, {}, header(request, 'content-type')),
        request.body,
      );
    case 'multipart': {
      const parts = parseMultipartRelated(header(request, 'content-type') ?? '', request.body);
      const [meta, media] = parts;
      if (!meta || !media) throw gcsErrors.invalid('A multipart upload needs two parts.');
      const metadata = jsonBody({ ...request, body: meta.body });
      return store(
        context,
        targetOf(context, request, metadata, media.headers['content-type']),
        media.body,
      );
    }
    case 'resumable':
      return startResumable(context, request);
    case null:
    default:
      throw gcsErrors.invalid(`Unsupported uploadType: ${String(uploadType).slice(0, 20)}`);
  }
}
