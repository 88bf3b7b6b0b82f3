import { AwsError } from '../aws/aws-error';
import type { CredentialStore } from '../aws/credential-store';
import type { OperationContext } from '../aws/service';
import { EXTERNAL_ID_ROLE_NAME, READ_ROLE_NAME, SANDBOX_EXTERNAL_ID } from '../estate/account';
import type { Estate } from '../estate/estate';
import { el } from '../xml';
import { stsResponse } from './sts-xml';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}

/**
 * AssumeRole. Every account's `ccx-read` role trusts the first account (the hub the product
 * runs from), so callers from the first account — its user or a session in it — may assume it;
 * anything else is AccessDenied, as an IAM trust policy would refuse it. `ccx-read-external`
 * trusts the same callers only with the sandbox's external id; `ccx-read` ignores ExternalId,
 * as a trust policy without that condition does.
 */
export function assumeRole(
  estate: Estate,
  credentials: CredentialStore,
  ctx: OperationContext,
): string {
  const roleArn = ctx.params.require('RoleArn');
  const sessionName = ctx.params.require('RoleSessionName');
  const duration = ctx.params.integer('DurationSeconds') ?? 3600;
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw validationError(`${roleArn} is invalid`);
  if (!SESSION_NAME.test(sessionName)) {
    throw validationError(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (duration < 900 || duration > 43200) {
    throw validationError(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const externalId = ctx.params.get('ExternalId');
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    throw validationError(
      `1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`,
    );
  }
  const [, accountId = '', roleName = ''] = match;
  const hub = estate.accounts[0];
  const trusted =
    roleName === READ_ROLE_NAME ||
    (roleName === EXTERNAL_ID_ROLE_NAME && externalId === SANDBOX_EXTERNAL_ID);
  if (!estate.account(accountId) || !trusted || !hub || ctx.principal.accountId !== hub.id) {
    throw new AwsError(
      'AccessDenied',
      `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  }
  const roleId = credentials.roleId(roleArn);
  const assumedArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  const issued = credentials.issue(
    { accountId, arn: assumedArn, userId: `${roleId}:${sessionName}`, kind: 'assumed-role' },
    duration,
    ctx.now,
  );
  const result =
    `<AssumedRoleUser>${el('Arn', assumedArn)}${el('AssumedRoleId', `${roleId}:${sessionName}`)}</AssumedRoleUser>` +
    `<Credentials>${el('AccessKeyId', issued.accessKeyId)}${el('SecretAccessKey', issued.secretAccessKey)}` +
    `${el('SessionToken', issued.sessionToken)}${el('Expiration', new Date(issued.expiresAt).toISOString().replace('.000Z', 'Z'))}</Credentials>` +
    el('PackedPolicySize', 0);
  return stsResponse('AssumeRole', result, ctx.requestId);
}
