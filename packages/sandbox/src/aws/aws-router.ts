import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isKnownRegion } from '../estate/regions';
import type { FaultInjector } from '../faults/fault-injector';
import type { StatsCounter } from '../stats';
import { escapeXml } from '../xml';
import { authenticate } from './authenticate';
import { AwsError } from './aws-error';
import type { CredentialStore } from './credential-store';
import { QueryParams } from './query-params';
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The envelope for a request no served service claims (awsQuery's generic shape). */
function unknownServiceReply(name: string, requestId: string): AwsReply {
  const message = `The sandbox does not serve the service '${name}'.`;
  return {
    status: 400,
    requestId,
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>UnknownService</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/**
 * Routes a Query-protocol request at the shared endpoint. The service and region come from the
 * SigV4 credential scope (the Version parameter identifies an unsigned one), the account from
 * the access key. Order matters: count, add latency, authenticate, inject faults, then run —
 * so a throttled request is still an authenticated one, as on AWS.
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
    deps.stats.request(serviceName, action || '(none)');
    const service = byName.get(serviceName);
    if (!service) {
      deps.stats.outcome(400, null);
      return unknownServiceReply(serviceName, requestId);
    }
    const decision = deps.faults.decide(serviceName);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    let injected: 'throttle' | 'error' | null = null;
    try {
      if (!auth.ok) throw service.authError(auth.reason, auth.message);
      const region = auth.claim.scope.region;
      if (!isKnownRegion(region))
        throw service.authError(
          'unknown-key',
          'The security token included in the request is invalid.',
        );
      if (decision.outcome === 'throttle') {
        injected = 'throttle';
        throw service.throttleError();
      }
      if (decision.outcome === 'internal' || decision.outcome === 'unavailable') {
        injected = 'error';
        throw service.serverError(decision.outcome);
      }
      const operation = Object.hasOwn(service.operations, action)
        ? service.operations[action]
        : undefined;
      if (!operation) throw service.unknownOperation(action);
      const xml = operation({ principal: auth.principal, region, params, requestId, now });
      deps.stats.outcome(200, null);
      return { status: 200, body: xml, requestId };
    } catch (error) {
      const awsError = error instanceof AwsError ? error : null;
      if (!awsError) deps.onError(error);
      const reply = awsError ?? service.serverError('internal');
      deps.stats.outcome(reply.status, injected);
      return { status: reply.status, body: service.renderError(reply, requestId), requestId };
    }
  };
}
