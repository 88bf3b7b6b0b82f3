import type { IncomingMessage } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SandboxAccount } from '../estate/account';
import { FaultInjector } from '../faults/fault-injector';
import { StatsCounter } from '../stats';
import { Sha256 } from '../testing/sha256';
import { AwsError } from './aws-error';
import { createAwsRouter } from './aws-router';
import { CredentialStore } from './credential-store';
import { createJsonRouter, type JsonService } from './json-router';
import type { AwsService } from './service';

/**
 * The steps both AWS routers share (count, latency, authenticate, faults, run) and the
 * envelope each keeps, on small services of each protocol: what a request gets back and how
 * it is counted, for every way a request can end.
 */

const account: SandboxAccount = {
  id: '111111111111',
  alias: 'test',
  accessKeyId: 'AKIATESTKEY000000001',
  secretAccessKey: 'test/secret+key',
  roleArn: 'arn:aws:iam::111111111111:role/ccx-read',
};
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/** The request as the routers receive it from the HTTP server, signed by the SDK's signer. */
async function request(input: {
  service: string | null;
  region?: string;
  headers?: Record<string, string>;
  body: string;
}): Promise<{ req: IncomingMessage; body: Buffer }> {
  const unsigned = {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4510,
    path: '/',
    query: {},
    headers: { host: '127.0.0.1:4510', ...input.headers },
    body: input.body,
  };
  const signed =
    input.service === null
      ? unsigned
      : await new SignatureV4({
          credentials: account,
          region: input.region ?? 'us-east-1',
          service: input.service,
          sha256: Sha256,
        }).sign(unsigned, { signingDate: new Date(NOW) });
  const headers = Object.fromEntries(
    Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const req = {
    method: 'POST',
    headers,
    rawHeaders: Object.entries(signed.headers).flatMap(([k, v]) => [k, String(v)]),
  } as unknown as IncomingMessage;
  return { req, body: Buffer.from(input.body) };
}

const authError = (reason: string, message: string) => new AwsError(`Auth.${reason}`, message, 403);
const throttleError = () => new AwsError('Throttled', 'Slow down', 400);
const serverError = (kind: 'internal' | 'unavailable') =>
  kind === 'internal'
    ? new AwsError('Internal', 'Internal error', 500)
    : new AwsError('Unavailable', 'Unavailable', 503);

let faults: FaultInjector;
let stats: StatsCounter;
let unexpected: unknown[];
beforeEach(() => {
  faults = new FaultInjector(1);
  stats = new StatsCounter(NOW);
  unexpected = [];
});
const deps = () => ({
  credentials: new CredentialStore([account], 1),
  faults,
  stats,
  now: () => NOW,
  onError: (error: unknown) => unexpected.push(error),
});
const counted = () => {
  const { total, byOperation, failed, throttled, faulted } = stats.snapshot();
  return { total, byOperation, failed, throttled, faulted };
};

describe('JSON-protocol router', () => {
  const service: JsonService = {
    signingName: 'testsvc',
    targetPrefix: 'TestService_20260101',
    jsonVersion: '1.0',
    operations: {
      Echo: ({ input, region, principal }) => ({ input, region, account: principal.accountId }),
      Broken: () => {
        throw new Error('handler bug');
      },
    },
    authError,
    throttleError,
    serverError,
    errorHeaders: (error) => ({ 'x-amzn-query-error': `${error.code};Sender` }),
  };
  const route = async (
    target: string,
    body = '{"a":1}',
    signing: { service?: string; region?: string } = {},
  ) => {
    const { req, body: raw } = await request({
      service: signing.service ?? 'testsvc',
      region: signing.region ?? 'eu-west-1',
      headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
      body,
    });
    const reply = await createJsonRouter([service], deps())(req, '/', '', raw);
    return { ...reply, json: JSON.parse(reply.body) as Record<string, unknown> };
  };

  it('runs an authenticated operation on its parsed input and counts it', async () => {
    const reply = await route('TestService_20260101.Echo');
    expect(reply).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      json: { input: { a: 1 }, region: 'eu-west-1', account: account.id },
    });
    expect(counted()).toEqual({
      total: 1,
      byOperation: { 'testsvc:Echo': 1 },
      failed: 0,
      throttled: 0,
      faulted: 0,
    });
  });

  it('answers an unserved target without delay or faults, counted as unknown', async () => {
    faults.set('throttle=1');
    const reply = await route('Nobody_1.Thing');
    expect(reply).toMatchObject({
      status: 400,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'UnknownOperationException',
      },
      json: {
        __type: 'UnknownOperationException',
        message: 'The sandbox does not serve Nobody_1.Thing.',
      },
    });
    expect(reply.headers).not.toHaveProperty('x-amzn-query-error');
    expect(counted()).toMatchObject({ byOperation: { 'unknown:Thing': 1 }, throttled: 0 });
  });

  it('refuses a signature scoped to another service or an unknown region, before faults', async () => {
    faults.set('throttle=1');
    const other = await route('TestService_20260101.Echo', '{}', { service: 'ecs' });
    expect(other).toMatchObject({
      status: 403,
      headers: {
        'x-amzn-errortype': 'Auth.bad-signature',
        'x-amzn-query-error': 'Auth.bad-signature;Sender',
      },
      json: { message: 'Credential should be scoped to correct service.' },
    });
    const nowhere = await route('TestService_20260101.Echo', '{}', { region: 'xx-nowhere-1' });
    expect(nowhere).toMatchObject({ status: 403, json: { __type: 'Auth.unknown-key' } });
    expect(counted()).toMatchObject({ total: 2, failed: 2, throttled: 0 });
  });

  it('throttles and fails an authenticated request as the fault spec says', async () => {
    faults.set('throttle=1');
    expect(await route('TestService_20260101.Echo')).toMatchObject({
      status: 400,
      json: { __type: 'Throttled' },
    });
    faults.set('error=1');
    const failed = await route('TestService_20260101.Echo');
    expect([500, 503]).toContain(failed.status);
    expect(counted()).toMatchObject({ total: 2, failed: 2, throttled: 1, faulted: 1 });
  });

  it('answers an unknown operation, a body that is not an object and a handler bug', async () => {
    expect(await route('TestService_20260101.Nope')).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException', message: 'Unknown operation Nope.' },
    });
    expect(await route('TestService_20260101.Echo', '[1]')).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    expect(await route('TestService_20260101.Echo', '{')).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    expect(unexpected).toEqual([]);
    expect(await route('TestService_20260101.Broken')).toMatchObject({
      status: 500,
      json: { __type: 'Internal' },
    });
    expect(unexpected).toEqual([new Error('handler bug')]);
    expect(counted()).toMatchObject({ total: 4, failed: 4, throttled: 0, faulted: 0 });
  });
});

describe('Query-protocol router', () => {
  const service: AwsService = {
    signingName: 'testq',
    version: '2026-01-01',
    operations: {
      Who: ({ principal, region, params, requestId }) =>
        `<Who><Account>${principal.accountId}</Account><Region>${region}</Region><Name>${params.get('Name') ?? ''}</Name><RequestId>${requestId}</RequestId></Who>`,
    },
    renderError: (error, requestId) =>
      `<Error><Code>${error.code}</Code><Id>${requestId}</Id></Error>`,
    authError,
    throttleError,
    serverError,
    unknownOperation: (action) => new AwsError('InvalidAction', `No ${action}`, 400),
  };
  const route = async (body: string, signingService: string | null = 'testq') => {
    const { req, body: raw } = await request({
      service: signingService,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return createAwsRouter({ services: [service], ...deps() })(req, '/', '', raw);
  };

  it('runs the action of the signed service', async () => {
    const reply = await route('Action=Who&Version=2026-01-01&Name=ada');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(
      `<Who><Account>${account.id}</Account><Region>us-east-1</Region><Name>ada</Name><RequestId>${reply.requestId}</RequestId></Who>`,
    );
    expect(counted()).toMatchObject({ byOperation: { 'testq:Who': 1 }, failed: 0 });
  });

  it('names the service of an unsigned request by its Version, and refuses it', async () => {
    const reply = await route('Action=Who&Version=2026-01-01', null);
    expect(reply).toMatchObject({
      status: 403,
      body: `<Error><Code>Auth.missing</Code><Id>${reply.requestId}</Id></Error>`,
    });
    expect(counted()).toMatchObject({ byOperation: { 'testq:Who': 1 }, failed: 1 });
  });

  it('answers a request for no served service in the generic envelope, unfaulted', async () => {
    faults.set('throttle=1');
    const reply = await route('Action=Go&Version=1999-01-01', 'elsewhere');
    expect(reply).toEqual({
      status: 400,
      requestId: reply.requestId,
      body: `<ErrorResponse><Error><Type>Sender</Type><Code>UnknownService</Code><Message>The sandbox does not serve the service &apos;elsewhere&apos;.</Message></Error><RequestId>${reply.requestId}</RequestId></ErrorResponse>`,
    });
    expect(counted()).toMatchObject({
      byOperation: { 'elsewhere:Go': 1 },
      failed: 1,
      throttled: 0,
    });
  });

  it('answers an unknown action in the service envelope, after faults', async () => {
    const reply = await route('Action=Nope&Version=2026-01-01');
    expect(reply.body).toBe(`<Error><Code>InvalidAction</Code><Id>${reply.requestId}</Id></Error>`);
    faults.set('throttle=1');
    const throttled = await route('Action=Nope&Version=2026-01-01');
    expect(throttled.body).toContain('<Code>Throttled</Code>');
    expect(counted()).toMatchObject({ total: 2, failed: 2, throttled: 1 });
  });
});
