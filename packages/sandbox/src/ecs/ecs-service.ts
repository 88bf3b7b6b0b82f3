import { AwsError } from '../aws/aws-error';
import type { JsonOperationContext, JsonService } from '../aws/json-router';
import { deleteCluster, describeClusters, listClusters } from './clusters';
import type { EcsEstate } from './ecs-estate';
import { deleteService, describeServices, listServices, updateService } from './services';
import { listTagsForResource } from './tags';
import { describeTaskDefinition, registerTaskDefinition } from './task-definitions';
import { describeTasks, listTasks } from './tasks';

type Handler = (estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) => unknown;

const HANDLERS = {
  ListClusters: listClusters,
  DescribeClusters: describeClusters,
  DeleteCluster: deleteCluster,
  ListServices: listServices,
  DescribeServices: describeServices,
  UpdateService: updateService,
  DeleteService: deleteService,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  DescribeTaskDefinition: describeTaskDefinition,
  RegisterTaskDefinition: registerTaskDefinition,
  ListTagsForResource: listTagsForResource,
} as const satisfies Record<string, Handler>;

/**
 * ECS (2014-11-13, awsJson1_1): clusters, services with deployments that roll out over
 * `transitionMs` steps, tasks and task definitions. Errors use ECS's codes; authentication
 * failures use the codes every JSON-protocol service shares.
 */
export function createEcsService(estate: EcsEstate, transitionMs: number): JsonService {
  const operations = Object.fromEntries(
    Object.entries(HANDLERS).map(([name, handler]: [string, Handler]) => [
      name,
      (ctx: JsonOperationContext) => handler(estate, transitionMs, ctx),
    ]),
  );
  return {
    signingName: 'ecs',
    targetPrefix: 'AmazonEC2ContainerServiceV20141113',
    jsonVersion: '1.1',
    operations,
    authError(reason, message) {
      switch (reason) {
        case 'missing':
          return new AwsError(
            'MissingAuthenticationTokenException',
            'Missing Authentication Token',
            403,
          );
        case 'malformed':
          return new AwsError('IncompleteSignatureException', message, 400);
        case 'unknown-key':
        case 'bad-token':
          return new AwsError(
            'UnrecognizedClientException',
            'The security token included in the request is invalid.',
            400,
          );
        case 'expired-token':
          return new AwsError(
            'ExpiredTokenException',
            'The security token included in the request is expired',
            400,
          );
        case 'request-expired':
          return new AwsError('InvalidSignatureException', message, 400);
        case 'bad-signature':
          return new AwsError('InvalidSignatureException', message, 403);
      }
    },
    throttleError: () => new AwsError('ThrottlingException', 'Rate exceeded', 400),
    serverError: (kind) =>
      new AwsError(
        'ServerException',
        kind === 'internal'
          ? 'An internal error occurred. Try again later.'
          : 'Service Unavailable. Please try again later.',
        kind === 'internal' ? 500 : 503,
      ),
  };
}
