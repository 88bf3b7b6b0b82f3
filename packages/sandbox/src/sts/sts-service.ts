import { AwsError } from '../aws/aws-error';
import type { CredentialStore } from '../aws/credential-store';
import type { AwsService } from '../aws/service';
import type { Estate } from '../estate/estate';
import { el } from '../xml';
import { assumeRole } from './assume-role';
import { stsError, stsResponse } from './sts-xml';

/** STS (2011-06-15, awsQuery): GetCallerIdentity and AssumeRole. */
export function createStsService(estate: Estate, credentials: CredentialStore): AwsService {
  return {
    signingName: 'sts',
    version: '2011-06-15',
    operations: {
      GetCallerIdentity: (ctx) =>
        stsResponse(
          'GetCallerIdentity',
          el('Arn', ctx.principal.arn) +
            el('UserId', ctx.principal.userId) +
            el('Account', ctx.principal.accountId),
          ctx.requestId,
        ),
      AssumeRole: (ctx) => assumeRole(estate, credentials, ctx),
    },
    renderError: stsError,
    authError(reason, message) {
      switch (reason) {
        case 'missing':
          return new AwsError('MissingAuthenticationToken', message, 403);
        case 'malformed':
          return new AwsError('IncompleteSignature', message, 400);
        case 'unknown-key':
        case 'bad-token':
          return new AwsError('InvalidClientTokenId', message, 403);
        case 'expired-token':
          return new AwsError('ExpiredToken', message, 400);
        case 'bad-signature':
        case 'request-expired':
          return new AwsError('SignatureDoesNotMatch', message, 403);
      }
    },
    throttleError: () => new AwsError('Throttling', 'Rate exceeded', 400),
    serverError: (kind) =>
      kind === 'internal'
        ? new AwsError('InternalError', 'An internal error has occurred', 500)
        : new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503),
    unknownOperation: (action) =>
      new AwsError(
        'InvalidAction',
        `Could not find operation ${action} for version 2011-06-15`,
        400,
      ),
  };
}
