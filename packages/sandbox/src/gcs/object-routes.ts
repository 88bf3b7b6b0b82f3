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
import { listObjects } from './listing';
import { mediaReply } from './media';
import { hashesOf, isPublicBucket, type GcsBucket, type GcsObject } from './model';
import { objectResource } from './resources';

function generationParam(request: GcsRequest, name = 'generation'): string | null {
  const value = request.query.get(name);
  if (value === null || value === '') return null;
  if (!/^\d{1,20}$/.test(value)) throw gcsErrors.invalid(`Invalid ${name}.`);
  return value;
}

/** `ifGenerationMatch` (0 = must not exist) and `ifGenerationNotMatch`, as GCS checks them. */
export function checkPreconditions(request: GcsRequest, current: GcsObject | undefined): void {
  const match = request.query.get('ifGenerationMatch');
  if (match !== null && (current?.generation ?? '0') !== match)
    throw new GcsError(
      412,
      'conditionNotMet',
      'At least one of the pre-conditions you specified did not hold.',
    );
  const notMatch = request.query.get('ifGenerationNotMatch');
  if (notMatch !== null && (current?.generation ?? '0') === notMatch)
    throw new GcsError(304, 'notModified', 'Not modified.');
}

function findObject(
  context: GcsContext,
  bucket: GcsBucket,
  name: string,
  generation: string | null,
): GcsObject {
  const object = context.model.findObject(bucket, name, generation);
  if (!object) throw gcsErrors.notFound(`No such object: ${bucket.name}/${name}`);
  return object;
}

function list(context: GcsContext, request: GcsRequest, bucket: GcsBucket): GcsReply {
  const maxResults = Number(request.query.get('maxResults') ?? 1000);
  const result = listObjects(bucket, {
    prefix: request.query.get('prefix') ?? '',
    delimiter: request.query.get('delimiter') ?? '',
    versions: request.query.get('versions') === 'true',
    maxResults: Number.isInteger(maxResults) && maxResults > 0 ? Math.min(maxResults, 1000) : 1000,
    pageToken: request.query.get('pageToken'),
  });
  return {
    status: 200,
    json: {
      kind: 'storage#objects',
      ...(result.nextPageToken === null ? {} : { nextPageToken: result.nextPageToken }),
      ...(result.prefixes.length > 0 ? { prefixes: result.prefixes } : {}),
      ...(result.items.length > 0
        ? { items: result.items.map((item) => objectResource(context.baseUrl, item)) }
        : {}),
    },
  };
}

/** rewriteTo / copyTo: a new live generation at the destination, overrides from the body. */
function copy(
  context: GcsContext,
  request: GcsRequest,
  source: GcsObject,
  rewrite: boolean,
): GcsReply {
  const [, , , , , , destBucketName = '', , destName = ''] = request.segments;
  const destination = findBucket(context, destBucketName);
  authorize(request.principal, destination, 'write', false);
  validObjectName(destName);
  checkPreconditions(request, context.model.findObject(destination, destName, null));
  const body = jsonBody(request);
  const content = source.content;
  const object = context.model.putObject(destination, {
    name: destName,
    size: source.size,
    content: () => content(),
    ...(source.composite ? { composite: source.composite, hashes: hashesOf(source) } : {}),
    contentType: typeof body.contentType === 'string' ? body.contentType : source.contentType,
    metadata:
      'metadata' in body
        ? mergeStrings({}, stringRecord(body.metadata, 'metadata'))
        : { ...source.metadata },
    storageClass: storageClassOf(body.storageClass, destination.storageClass),
  });
  const resource = objectResource(context.baseUrl, object);
  if (!rewrite) return { status: 200, json: resource };
  return {
    status: 200,
    json: {
      kind: 'storage#rewriteResponse',
      totalBytesRewritten: String(object.size),
      objectSize: String(object.size),
      done: true,
      resource,
    },
  };
}

/** `/storage/v1/b/{bucket}/o[/{object}[/rewriteTo|copyTo/b/{bucket}/o/{object}]]` */
export function routeObjects(context: GcsContext, request: GcsRequest): GcsReply {
  const [, bucketName = '', , name, action] = request.segments;
  const bucket = findBucket(context, bucketName);
  const isPublic = isPublicBucket(bucket);
  if (name === undefined) {
    if (request.method !== 'GET') throw gcsErrors.invalid('Use the upload endpoint to insert.');
    authorize(request.principal, bucket, 'read', false);
    return list(context, request, bucket);
  }
  validObjectName(name);
  const generation = generationParam(request);
  if (action === 'rewriteTo' || action === 'copyTo') {
    if (request.method !== 'POST') throw gcsErrors.invalid('Unsupported method.');
    authorize(request.principal, bucket, 'read', isPublic);
    const source = findObject(context, bucket, name, generationParam(request, 'sourceGeneration'));
    return copy(context, request, source, action === 'rewriteTo');
  }
  if (action !== undefined) throw gcsErrors.notFound('Not Found');
  switch (request.method) {
    case 'GET': {
      authorize(request.principal, bucket, 'read', isPublic);
      const object = findObject(context, bucket, name, generation);
      if (request.query.get('alt') === 'media') {
        const range = request.headers.range;
        return mediaReply(object, typeof range === 'string' ? range : undefined);
      }
      return { status: 200, json: objectResource(context.baseUrl, object) };
    }
    case 'PATCH':
    case 'PUT': {
      authorize(request.principal, bucket, 'write', false);
      const object = findObject(context, bucket, name, generation);
      const body = jsonBody(request);
      if ('metadata' in body)
        object.metadata = mergeStrings(object.metadata, stringRecord(body.metadata, 'metadata'));
      if (typeof body.contentType === 'string') object.contentType = body.contentType;
      object.metageneration++;
      object.updated = context.model.isoNow();
      return { status: 200, json: objectResource(context.baseUrl, object) };
    }
    case 'DELETE': {
      authorize(request.principal, bucket, 'write', false);
      checkPreconditions(request, context.model.findObject(bucket, name, null));
      if (!context.model.deleteObject(bucket, name, generation))
        throw gcsErrors.notFound(`No such object: ${bucket.name}/${name}`);
      return { status: 204 };
    }
    default:
      throw gcsErrors.invalid(`Unsupported method ${request.method}.`);
  }
}

/** `/download/storage/v1/b/{bucket}/o/{object}?alt=media`, the `mediaLink` of an object. */
export function routeDownload(context: GcsContext, request: GcsRequest): GcsReply {
  const [, bucketName = '', , name = ''] = request.segments;
  const bucket = findBucket(context, bucketName);
  authorize(request.principal, bucket, 'read', isPublicBucket(bucket));
  const object = findObject(context, bucket, name, generationParam(request));
  const range = request.headers.range;
  return mediaReply(object, typeof range === 'string' ? range : undefined);
}
