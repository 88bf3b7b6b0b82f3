import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Principal } from '../aws/principal';
import type { S3Bucket } from './model';
import type { Payload } from './payload';
import type { S3State } from './s3-state';

/**
 * Who may run an operation. `account`: any signed caller (acts on its own account);
 * `owner`: a signed caller of the bucket's account; `public-read`: also anyone, signed or not,
 * when the bucket's policy makes it public and no public-access block stops that.
 */
export type S3Access = 'account' | 'owner' | 'public-read';

export interface S3Context {
  state: S3State;
  /** Null for an anonymous request. */
  principal: Principal | null;
  /** The signed region (the endpoint's region on AWS); null when anonymous. */
  region: string | null;
  bucketName: string;
  key: string;
  query: ReadonlyMap<string, string>;
  headers: IncomingHttpHeaders;
  requestId: string;
  now: number;
  /** The upload body, decoded and verified as it streams (PutObject, UploadPart). */
  payload(): Promise<Payload>;
  /** A small request document (XML or JSON policy), decoded and verified the same way. */
  text(): Promise<string>;
}

export interface S3Reply {
  status: number;
  headers?: Record<string, string>;
  /** A stream (large objects) carries its `content-length` in `headers`. */
  body?: string | Buffer | Readable;
}

export interface S3Operation {
  name: string;
  access: S3Access;
  run(ctx: S3Context, bucket: S3Bucket | null): S3Reply | Promise<S3Reply>;
}

export const ok = (body?: string, headers: Record<string, string> = {}): S3Reply => ({
  status: 200,
  headers: body === undefined ? headers : { 'content-type': 'application/xml', ...headers },
  body,
});

export function header(ctx: Pick<S3Context, 'headers'>, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `bucket` for operations with `access` other than `account`, which always resolve one. */
export function need(bucket: S3Bucket | null): S3Bucket {
  if (!bucket) throw new Error('operation needs a bucket');
  return bucket;
}
