import type { GcsContext, GcsReply, GcsRequest } from './context';
import { GcsXmlError } from './gcs-error';
import { mediaReply } from './media';
import { isPublicBucket } from './model';
import { objectResource } from './resources';

const accessDenied = () =>
  new GcsXmlError(
    403,
    'AccessDenied',
    'Access denied.',
    'The caller does not have storage access to the object.',
  );

/**
 * `/{bucket}/{object}` as the XML API serves it: where V4 signed URLs and public object URLs
 * point. GET/HEAD read (Range honoured), PUT writes with the request's Content-Type. Errors
 * are XML, as GCS answers them on this path.
 */
export function routeXml(context: GcsContext, request: GcsRequest): GcsReply {
  const [bucketName = '', ...rest] = request.segments;
  const name = rest.join('/');
  const bucket = context.model.buckets.get(bucketName);
  if (!bucket) throw new GcsXmlError(404, 'NoSuchBucket', 'The specified bucket does not exist.');
  const principal = request.principal;
  const owner = principal.kind !== 'anonymous' && principal.account.project === bucket.project;
  const read = request.method === 'GET' || request.method === 'HEAD';
  if (!owner) {
    if (!read || !isPublicBucket(bucket)) {
      if (principal.kind === 'anonymous')
        throw new GcsXmlError(
          401,
          'AccessDenied',
          'Anonymous caller does not have storage access.',
        );
      throw accessDenied();
    }
  }
  if (name === '') throw new GcsXmlError(400, 'InvalidArgument', 'An object name is required.');
  if (read) {
    const object = context.model.findObject(bucket, name, request.query.get('generation'));
    if (!object) throw new GcsXmlError(404, 'NoSuchKey', 'The specified key does not exist.');
    const range = request.headers.range;
    return mediaReply(
      object,
      typeof range === 'string' ? range : undefined,
      request.method === 'HEAD',
    );
  }
  if (request.method !== 'PUT')
    throw new GcsXmlError(405, 'MethodNotAllowed', 'The specified method is not allowed.');
  const contentType = request.headers['content-type'];
  const data = request.body;
  const object = context.model.putObject(bucket, {
    name,
    size: data.length,
    content: () => data,
    contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
    metadata: {},
  });
  const resource = objectResource(context.baseUrl, object);
  return {
    status: 200,
    headers: {
      etag: `"${Buffer.from(String(resource.md5Hash), 'base64').toString('hex')}"`,
      'x-goog-generation': object.generation,
    },
    body: '',
  };
}
