import { AwsError } from '../aws/aws-error';
import type { JsonService } from '../aws/json-router';
import type { Estate } from '../estate/estate';
import { queryErrorHeader } from './errors';
import { getMetricData } from './get-metric-data';
import { getMetricStatistics } from './get-metric-statistics';
import { listMetrics } from './list-metrics';
import { MetricResources, type EcsMetricSource } from './resources';

export interface CloudWatchOptions {
  estate: Estate;
  /** The estate seed: metric profiles derive from it and each resource's id. */
  seed: number;
  /** ECS services with metrics; none when the ECS simulator is not wired in. */
  ecsServices?: EcsMetricSource;
}

/**
 * CloudWatch (2010-08-01) over awsJson1_0, query-compatible: the metric reads the product
 * makes. Values come from the synthetic metric model keyed by resource id, so the same estate
 * always reports the same history, and only resources that exist in the caller's account and
 * region have data.
 */
export function createCloudWatchService(options: CloudWatchOptions): JsonService {
  const resources = new MetricResources(options.estate, options.seed, options.ecsServices);
  return {
    signingName: 'monitoring',
    targetPrefix: 'GraniteServiceVersion20100801',
    jsonVersion: '1.0',
    operations: {
      GetMetricData: (ctx) => getMetricData(resources, ctx),
      GetMetricStatistics: (ctx) => getMetricStatistics(resources, ctx),
      ListMetrics: (ctx) => listMetrics(resources, ctx),
    },
    authError(reason, message) {
      switch (reason) {
        case 'missing':
          return new AwsError('MissingAuthenticationToken', 'Missing Authentication Token', 403);
        case 'malformed':
          return new AwsError('IncompleteSignature', message, 400);
        case 'unknown-key':
        case 'bad-token':
          return new AwsError(
            'InvalidClientTokenId',
            'The security token included in the request is invalid.',
            403,
          );
        case 'expired-token':
          return new AwsError(
            'ExpiredToken',
            'The security token included in the request is expired',
            403,
          );
        case 'request-expired':
          return new AwsError('RequestExpired', message, 400);
        case 'bad-signature':
          return new AwsError('SignatureDoesNotMatch', message, 403);
      }
    },
    throttleError: () => new AwsError('Throttling', 'Rate exceeded', 400),
    serverError: (kind) =>
      kind === 'internal'
        ? new AwsError('InternalServiceFault', 'Internal service error.', 500)
        : new AwsError('ServiceUnavailable', 'Service is unavailable.', 503),
    errorHeaders: queryErrorHeader,
  };
}
