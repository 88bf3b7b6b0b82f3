/**
 * An error the S3 simulator answers with, rendered as S3 renders it:
 * `<Error><Code/><Message/>…extra fields…<RequestId/></Error>`. `extra` carries the fields S3
 * adds for some codes (`Key`, `BucketName`, `Region`…); `headers` the ones it sets beside them
 * (`x-amz-bucket-region` on a redirect, `x-amz-delete-marker` on a deleted key).
 */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: Readonly<Record<string, string>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const noSuchBucket = (bucket: string) =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string, headers: Record<string, string> = {}) =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }, headers);

export const accessDenied = (message = 'Access Denied') =>
  new S3Error('AccessDenied', message, 403);

export const invalidArgument = (message: string, name?: string, value?: string) =>
  new S3Error(
    'InvalidArgument',
    message,
    400,
    name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' },
  );

export const malformedXml = () =>
  new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

export const notImplemented = (what: string) =>
  new S3Error(
    'NotImplemented',
    `A header or query you provided implies functionality that is not implemented (${what}).`,
    501,
  );
