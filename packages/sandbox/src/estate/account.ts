/** An account of the sandbox estate, with the long-term key of its sandbox user. */
export interface SandboxAccount {
  id: string;
  alias: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `arn:aws:iam::<id>:role/ccx-read`, assumable from the first account. */
  roleArn: string;
}

export const READ_ROLE_NAME = 'ccx-read';
/**
 * A second role in every account whose trust policy also requires `sts:ExternalId` to equal
 * SANDBOX_EXTERNAL_ID, as third-party access roles do; assuming it without (or with another)
 * external id is AccessDenied.
 */
export const EXTERNAL_ID_ROLE_NAME = 'ccx-read-external';
export const SANDBOX_EXTERNAL_ID = 'ccx-sandbox-external-id';
export const SANDBOX_USER_NAME = 'ccx-sandbox';

export function roleArnFor(accountId: string, roleName: string = READ_ROLE_NAME): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}
