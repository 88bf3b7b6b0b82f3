import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FaultInjector } from '../faults/fault-injector';
import type { StatsCounter } from '../stats';
import { escapeXml } from '../xml';
import { authenticate } from './authenticate';
import { AwsError } from './aws-error';
import type { CredentialStore } from './credential-store';
import { QueryParams } from './query-params';
import { runAwsRequest } from './run-request';
import type { AwsService } from './service';

export interface AwsReply {
  status: number;
  body: string;
  requestId: string;
}

export interface AwsRouterDeps {
  services: readonly AwsService[];
  credentials: CredentialStore;
  faults: FaultInjector;
  stats: StatsCounter;
  now: () => number;
  onError: (error: unknown) => void;
}

/** The envelope for a request no served service claims (awsQuery's generic shape). */
function unknownServiceBody(error: AwsError, requestId: string): string {
  return `<ErrorResponse><Error><Type>${error.type}</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

/**
 * Routes a Query-protocol request at the shared endpoint. The service and region come from the
 * SigV4 credential scope (the Version parameter identifies an unsigned one), the account from
 * the access key, so the request is authenticated before it is counted; `runAwsRequest` takes
 * the steps from there.
 */
export function createAwsRouter(deps: AwsRouterDeps) {
  const byName = new Map(deps.services.map((service) => [service.signingName, service]));
  const byVersion = new Map(deps.services.map((service) => [service.version, service]));

  return async function route(
    req: IncomingMessage,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
  ): Promise<AwsReply> {
    const requestId = randomUUID();
    const params = QueryParams.fromRequest(
      rawQuery,
      body.toString('utf8'),
      req.headers['content-type'],
    );
    const action = params.get('Action') ?? '';
    const now = deps.now();
    const wire = {
      method: req.method ?? 'GET',
      rawPath,
      rawQuery,
      rawHeaders: req.rawHeaders,
      body,
    };
    const auth = authenticate(wire, req.headers, deps.credentials, now);
    const serviceName =
      auth.claim?.scope.service ??
      byVersion.get(params.get('Version') ?? '')?.signingName ??
      'unknown';
    const outcome = await runAwsRequest(deps, {
      serviceName,
      operation: action,
      service: byName.get(serviceName),
      unknownService: () =>
        new AwsError(
          'UnknownService',
          `The sandbox does not serve the service '${serviceName}'.`,
          400,
        ),
      authenticate: () => auth,
      run: ({ service, principal, region }) => {
        const operation = Object.hasOwn(service.operations, action)
          ? service.operations[action]
          : undefined;
        if (!operation) throw service.unknownOperation(action);
        return operation({ principal, region, params, requestId, now });
      },
    });
    if (outcome.ok) return { status: 200, body: outcome.value, requestId };
    const { service, error } = outcome;
    return {
      status: error.status,
      requestId,
      body: service ? service.renderError(error, requestId) : unknownServiceBody(error, requestId),
    };
  };
}
