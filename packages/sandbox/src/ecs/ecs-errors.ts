import type { z } from 'zod';
import { AwsError } from '../aws/aws-error';

/** The error codes and messages ECS answers with (all 400 but the server fault). */
export const clusterNotFound = () =>
  new AwsError('ClusterNotFoundException', 'Cluster not found.', 400);
export const serviceNotFound = () =>
  new AwsError('ServiceNotFoundException', 'Service not found.', 400);
export const serviceNotActive = () =>
  new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.', 400);
/** DeleteCluster's refusals, one per thing a cluster must be rid of first. */
export const clusterContainsContainerInstances = () =>
  new AwsError(
    'ClusterContainsContainerInstancesException',
    'The Cluster cannot be deleted while Container Instances are active.',
    400,
  );
export const clusterContainsServices = () =>
  new AwsError(
    'ClusterContainsServicesException',
    'The Cluster cannot be deleted while Services are active.',
    400,
  );
export const clusterContainsTasks = () =>
  new AwsError(
    'ClusterContainsTasksException',
    'The Cluster cannot be deleted while Tasks are active.',
    400,
  );
export const invalidParameter = (message: string) =>
  new AwsError('InvalidParameterException', message, 400);
export const clientException = (message: string) => new AwsError('ClientException', message, 400);

/** `<field> can have at most <n> items.`, ECS's words for an oversized list. */
export const tooManyItems = (field: string, max: number) =>
  invalidParameter(`${field} can have at most ${max} items.`);

/**
 * Validates a request body. A member of the wrong JSON type is a SerializationException, as
 * the service's deserializer reports it; the operations check value constraints themselves,
 * with ECS's own codes and messages.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new AwsError(
    'SerializationException',
    `The request could not be read${where}: ${issue?.message ?? 'invalid input'}.`,
    400,
  );
}
