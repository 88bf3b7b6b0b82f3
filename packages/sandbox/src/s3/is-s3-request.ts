import type { IncomingMessage } from 'node:http';

const S3_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/s3\/aws4_request/;

/**
 * Whether a request at the shared endpoint is for S3, decided from headers and query alone so
 * that S3 uploads are never buffered by the Query router: signed requests say so in their
 * credential scope; unsigned ones are S3 unless they look like a Query call (an `Action`
 * parameter or a form body).
 */
export function isS3Request(req: IncomingMessage, rawQuery: string): boolean {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) return S3_SCOPE.test(authorization);
  const params = new URLSearchParams(rawQuery);
  const credential = params.get('X-Amz-Credential');
  if (credential !== null) return credential.split('/')[3] === 's3';
  if (params.has('Action')) return false;
  const contentType = req.headers['content-type'] ?? '';
  return !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
}
