import { AwsError } from '../aws/aws-error';
import type { AwsService } from '../aws/service';
import type { Estate } from '../estate/estate';
import {
  allocateAddress,
  associateAddress,
  describeAddresses,
  disassociateAddress,
  releaseAddress,
} from './addresses';
import { describeInstanceTypes } from './describe-instance-types';
import { describeInstances } from './describe-instances';
import { describeVolumes } from './describe-volumes';
import { modifyInstanceAttribute } from './modify-instance-attribute';
import { describeRegions } from './describe-regions';
import { ec2Error } from './ec2-xml';
import { changeInstanceStates, rebootInstances } from './state-changes';
import { createTags, deleteTags } from './tags';

/** EC2 (2016-11-15, ec2Query): the instance, volume and Elastic IP operations the product uses. */
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
      DescribeVolumes: (ctx) => describeVolumes(estate, ctx),
      DescribeInstanceTypes: describeInstanceTypes,
      ModifyInstanceAttribute: (ctx) => modifyInstanceAttribute(estate, transitionMs, ctx),
      DescribeAddresses: (ctx) => describeAddresses(estate, ctx),
      AllocateAddress: (ctx) => allocateAddress(estate, ctx),
      AssociateAddress: (ctx) => associateAddress(estate, ctx, transitionMs),
      DisassociateAddress: (ctx) => disassociateAddress(estate, ctx),
      ReleaseAddress: (ctx) => releaseAddress(estate, ctx),
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
