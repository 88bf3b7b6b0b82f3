import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import type { SandboxAccount } from '../estate/account';
import type { SandboxHandle } from '../handle';

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Official SDK clients pointed at the sandbox with nothing but an endpoint override. */
export function ec2For(
  handle: SandboxHandle,
  credentials: TestCredentials | SandboxAccount,
  region = 'us-east-1',
  extra: Partial<ConstructorParameters<typeof EC2Client>[0]> = {},
): EC2Client {
  const { accessKeyId, secretAccessKey } = credentials;
  const sessionToken = 'sessionToken' in credentials ? credentials.sessionToken : undefined;
  return new EC2Client({
    region,
    endpoint: handle.url,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    maxAttempts: 1,
    ...extra,
  });
}

export function stsFor(
  handle: SandboxHandle,
  credentials: TestCredentials | SandboxAccount,
  region = 'us-east-1',
  extra: Partial<ConstructorParameters<typeof STSClient>[0]> = {},
): STSClient {
  const { accessKeyId, secretAccessKey } = credentials;
  const sessionToken = 'sessionToken' in credentials ? credentials.sessionToken : undefined;
  return new STSClient({
    region,
    endpoint: handle.url,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    maxAttempts: 1,
    ...extra,
  });
}

export function ecsFor(
  handle: SandboxHandle,
  credentials: TestCredentials | SandboxAccount,
  region = 'us-east-1',
  extra: Partial<ConstructorParameters<typeof ECSClient>[0]> = {},
): ECSClient {
  const { accessKeyId, secretAccessKey } = credentials;
  const sessionToken = 'sessionToken' in credentials ? credentials.sessionToken : undefined;
  return new ECSClient({
    region,
    endpoint: handle.url,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    maxAttempts: 1,
    ...extra,
  });
}
