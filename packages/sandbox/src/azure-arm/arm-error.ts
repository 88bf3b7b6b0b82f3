/**
 * An error ARM answers with: an HTTP status and the `{ error: { code, message } }` body every
 * resource provider uses, plus any headers the status calls for (`Retry-After` on 429,
 * `WWW-Authenticate` on 401).
 */
export class ArmError extends Error {
  override readonly name = 'ArmError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const armErrors = {
  notFound: (what: string, name: string) =>
    new ArmError(
      404,
      'ResourceNotFound',
      `The Resource '${what}/${name}' under resource group was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  subscriptionNotFound: (id: string) =>
    new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`),
  resourceGroupNotFound: (name: string) =>
    new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`),
  noRoute: (path: string) =>
    new ArmError(
      404,
      'InvalidResourceType',
      `The resource type could not be found in the namespace for the path '${path}'.`,
    ),
  badMethod: (method: string) =>
    new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported here.`),
  missingApiVersion: () =>
    new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    ),
  /** A caller whose role does not grant the action at the scope it asked for. */
  authorizationFailed: (clientId: string, action: string, scope: string) =>
    new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${clientId}' with object id '${clientId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    ),
  /** A cloud (or an API version) that does not offer a resource type's operation. */
  noRegisteredProvider: (location: string, apiVersion: string, type: string) =>
    new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${location}' and API version '${apiVersion}' for type '${type}'.`,
    ),
  invalidParameter: (message: string) => new ArmError(400, 'InvalidParameter', message),
  invalidBody: (message: string) => new ArmError(400, 'InvalidRequestContent', message),
  operationNotAllowed: (message: string) => new ArmError(409, 'OperationNotAllowed', message),
  conflict: (message: string) => new ArmError(409, 'Conflict', message),
  skuNotAvailable: (size: string, location: string) =>
    new ArmError(
      409,
      'SkuNotAvailable',
      `The requested VM size '${size}' is currently not available in location '${location}'. Please try another size or deploy to a different location.`,
    ),
  unauthenticated: (authority: string, code: string, message: string) =>
    new ArmError(401, code, message, {
      'www-authenticate': `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${code}"`,
    }),
  throttled: () =>
    new ArmError(
      429,
      'TooManyRequests',
      'The request is being throttled as the limit has been reached for operation type - Read. Please try again after the time in Retry-After.',
      // ARM sends seconds; the millisecond header (which the SDK reads first) keeps tests quick.
      { 'retry-after': '1', 'x-ms-retry-after-ms': '50' },
    ),
  internal: () =>
    new ArmError(
      500,
      'InternalServerError',
      'Encountered internal server error. Please try again.',
    ),
  unavailable: () =>
    new ArmError(
      503,
      'ServiceUnavailable',
      'The service is temporarily unavailable. Please try again later.',
    ),
};
