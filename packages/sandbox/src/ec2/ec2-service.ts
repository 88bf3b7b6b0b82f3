import { AwsError } from '../aws/aws-error';
import type { AwsService } from '../aws/service';
import type { Estate } from '../estate/estate';
import { describeInstances } from './describe-instances';
import { describeRegions } from './describe-regions';
import { ec2Error } from './ec2-xml';
import { changeInstanceStates, rebootInstances } from './state-changes';
import { createTags, deleteTags } from './tags';

/** EC2 (2016-11-15, ec2Query): the instance operations the product uses. */
export function createEc2Service(estate: Estate, transitionMs: number): AwsService {
  return {
    signingName: 'ec2',
    version: '2016-11-15',
    operations: {
      DescribeRegions: describeRegions,
      DescribeInstances: (ctx) => describeInstances(estate, transitionMs, ctx),
      StartInstances: (ctx) => changeInstanceStates(estate, transitionMs, 'start', ctx),
      StopInstances: (ctx) => changeInstanceStates(estate, transitionMs, 'stop', ctx),
      RebootInstances: (ctx) => rebootInstances(estate, transitionMs, ctx),
      CreateTags: (ctx) => createTags(estate, ctx),
      DeleteTags: (ctx) => deleteTags(estate, ctx),
    },
    renderError: ec2Error,
    authError(reason, message) {
      switch (reason) {
        case 'missing':
          return new AwsError('MissingAuthenticationToken', message, 401);
        case 'malformed':
          return new AwsError('IncompleteSignature', message, 400);
        case 'unknown-key':
        case 'bad-token':
          return new AwsError(
            'AuthFailure',
            'AWS was not able to validate the provided access credentials',
            401,
          );
        case 'expired-token':
          return new AwsError('RequestExpired', 'Request has expired.', 400);
        case 'request-expired':
          return new AwsError('RequestExpired', message, 400);
        case 'bad-signature':
          return new AwsError('SignatureDoesNotMatch', message, 403);
      }
    },
    throttleError: () => new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503),
    serverError: (kind) =>
      kind === 'internal'
        ? new AwsError('InternalError', 'An internal error has occurred.', 500)
        : new AwsError(
            'ServiceUnavailable',
            'The request has failed due to a temporary failure of the server.',
            503,
          ),
    unknownOperation: (action) =>
      new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400),
  };
}
