import type { SigV4Claim } from '../sigv4/parse';
import type { FaultInjector } from '../faults/fault-injector';
import type { StatsCounter } from '../stats';
import type { AuthFailureReason, AuthResult } from './authenticate';
import { isKnownRegion } from '../estate/regions';
import { AwsError } from './aws-error';
import type { Principal } from './principal';

/** What the shared steps need of a service: its name and its codes for the common failures. */
export interface RequestService {
  signingName: string;
  authError(reason: AuthFailureReason, message: string): AwsError;
  throttleError(): AwsError;
  serverError(kind: 'internal' | 'unavailable'): AwsError;
}

export interface RunRequestDeps {
  faults: FaultInjector;
  stats: StatsCounter;
  /** Told of anything but an AwsError thrown while answering (a sandbox bug). */
  onError: (error: unknown) => void;
}

export interface AwsRequest<S extends RequestService, T> {
  /** The counter's `service:Operation` key; `(none)` stands for an empty operation. */
  serviceName: string;
  operation: string;
  /** The service that serves the request, or undefined when none does. */
  service: S | undefined;
  /** The answer for a request no service claims: counted, never delayed or faulted. */
  unknownService(): AwsError;
  /**
   * Runs after the latency. A router that needs the claim to find the service authenticates
   * first and returns that result here.
   */
  authenticate(): AuthResult;
  /** Checks of a verified claim beyond the signature; throws an AwsError. */
  checkClaim?(claim: SigV4Claim, service: S): void;
  /** The operation itself; returns the protocol's response value or throws an AwsError. */
  run(caller: { service: S; principal: Principal; region: string }): T;
}

export type AwsOutcome<S, T> =
  | { ok: true; service: S; value: T }
  /** `service` is undefined only for the unknown-service answer. */
  | { ok: false; service: S | undefined; error: AwsError };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The steps every request at the shared AWS endpoint takes, whatever its protocol: count it,
 * add the injected latency, authenticate (a known key, a good signature, a real region), inject
 * faults, then run. Order matters: a throttled request is still an authenticated one, as on
 * AWS. Every answer is recorded once in the counters; anything thrown that is not an AwsError
 * is reported through `onError` and becomes the service's internal error. The caller keeps the
 * parsing and renders the outcome in its own envelope.
 */
export async function runAwsRequest<S extends RequestService, T>(
  deps: RunRequestDeps,
  request: AwsRequest<S, T>,
): Promise<AwsOutcome<S, T>> {
  deps.stats.request(request.serviceName, request.operation || '(none)');
  const { service } = request;
  if (!service) {
    deps.stats.outcome(400, null);
    return { ok: false, service, error: request.unknownService() };
  }
  const decision = deps.faults.decide(service.signingName);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  let injected: 'throttle' | 'error' | null = null;
  try {
    const auth = request.authenticate();
    if (!auth.ok) throw service.authError(auth.reason, auth.message);
    request.checkClaim?.(auth.claim, service);
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
    const value = request.run({ service, principal: auth.principal, region });
    deps.stats.outcome(200, null);
    return { ok: true, service, value };
  } catch (error) {
    const awsError = error instanceof AwsError ? error : null;
    if (!awsError) deps.onError(error);
    const reply = awsError ?? service.serverError('internal');
    deps.stats.outcome(reply.status, injected);
    return { ok: false, service, error: reply };
  }
}
