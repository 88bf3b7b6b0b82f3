import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { SandboxAccount } from '../estate/account';
import type { SandboxHandle } from '../handle';

/** The official S3 client pointed at the sandbox: an endpoint override and path-style, nothing else. */
export function s3For(
  handle: SandboxHandle,
  credentials: Pick<SandboxAccount, 'accessKeyId' | 'secretAccessKey'> & { sessionToken?: string },
  region = 'us-east-1',
  extra: Partial<S3ClientConfig> = {},
): S3Client {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  return new S3Client({
    region,
    endpoint: handle.s3Url,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    maxAttempts: 1,
    ...extra,
  });
}
