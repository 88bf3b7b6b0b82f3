import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { authenticate, type AuthFailureReason } from './authenticate';
import { AwsError } from './aws-error';
import type { AwsRouterDeps } from './aws-router';
import type { Principal } from './principal';
import { runAwsRequest } from './run-request';

/** What a JSON-protocol operation sees: the verified caller, the signed region, the input. */
export interface JsonOperationContext {
  principal: Principal;
  region: string;
  /** The parsed request body: an object (`{}` for an empty body). Validate before use. */
  input: Record<string, unknown>;
  requestId: string;
  now: number;
}

/** Returns the response document, or throws an AwsError. */
export type JsonOperation = (ctx: JsonOperationContext) => unknown;

/**
 * One service of the AWS JSON protocols (awsJson1_0: CloudWatch; awsJson1_1: ECS), routed by
 * its `X-Amz-Target` prefix. Services differ in the codes they use for the same failure and in
 * how errors are reported (CloudWatch is query-compatible and also names the code in an
 * `x-amzn-query-error` header), so each owns those mappings.
 */
export interface JsonService {
  /** SigV4 signing name, as in the credential scope (`monitoring`, `ecs`). */
  signingName: string;
  /** The part of `X-Amz-Target` before the dot (`GraniteServiceVersion20100801`). */
  targetPrefix: string;
  /** `1.0` or `1.1`: the content type is `application/x-amz-json-<version>`. */
  jsonVersion: '1.0' | '1.1';
  operations: Readonly<Record<string, JsonOperation>>;
  authError(reason: AuthFailureReason, message: string): AwsError;
  throttleError(): AwsError;
  serverError(kind: 'internal' | 'unavailable'): AwsError;
  /** Extra response headers for an error (query-compatible services add `x-amzn-query-error`). */
  errorHeaders?(error: AwsError): Record<string, string>;
}

export interface JsonReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  requestId: string;
}

/** True for a request that names its operation in `X-Amz-Target` (the JSON protocols). */
export function isJsonProtocolRequest(req: IncomingMessage): boolean {
  return typeof req.headers['x-amz-target'] === 'string';
}

function parseInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.', 400);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object.', 400);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Routes a JSON-protocol request at the shared endpoint by its `X-Amz-Target`; `runAwsRequest`
 * takes the steps every AWS request takes. Errors are rendered as AWS does for these
 * protocols: `{"__type": code, "message": …}` with `x-amzn-ErrorType`.
 */
export function createJsonRouter(
  services: readonly JsonService[],
  deps: Omit<AwsRouterDeps, 'services'>,
) {
  const byPrefix = new Map(services.map((service) => [service.targetPrefix, service]));

  return async function route(
    req: IncomingMessage,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
  ): Promise<JsonReply> {
    const requestId = randomUUID();
    const target = String(req.headers['x-amz-target'] ?? '');
    const dot = target.lastIndexOf('.');
    const prefix = dot === -1 ? target : target.slice(0, dot);
    const operationName = dot === -1 ? '' : target.slice(dot + 1);
    const known = byPrefix.get(prefix);
    const now = deps.now();
    const outcome = await runAwsRequest(deps, {
      serviceName: known?.signingName ?? 'unknown',
      operation: operationName,
      service: known,
      unknownService: () =>
        new AwsError('UnknownOperationException', `The sandbox does not serve ${target}.`, 400),
      authenticate: () =>
        authenticate(
          { method: req.method ?? 'POST', rawPath, rawQuery, rawHeaders: req.rawHeaders, body },
          req.headers,
          deps.credentials,
          now,
        ),
      checkClaim: (claim, service) => {
        if (claim.scope.service !== service.signingName)
          throw service.authError(
            'bad-signature',
            'Credential should be scoped to correct service.',
          );
      },
      run: ({ service, principal, region }) => {
        const operation = Object.hasOwn(service.operations, operationName)
          ? service.operations[operationName]
          : undefined;
        if (!operation) {
          throw new AwsError(
            'UnknownOperationException',
            `Unknown operation ${operationName}.`,
            400,
          );
        }
        const input = parseInput(body);
        return operation({ principal, region, input, requestId, now });
      },
    });
    const contentType = `application/x-amz-json-${known?.jsonVersion ?? '1.1'}`;
    if (outcome.ok)
      return {
        status: 200,
        requestId,
        headers: { 'content-type': contentType },
        body: JSON.stringify(outcome.value ?? {}),
      };
    const { error } = outcome;
    return {
      status: error.status,
      requestId,
      headers: {
        'content-type': contentType,
        'x-amzn-errortype': error.code,
        ...(known?.errorHeaders?.(error) ?? {}),
      },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  };
}
