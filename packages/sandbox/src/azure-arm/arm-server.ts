import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from '../faults/fault-injector';
import { readBody } from '../read-body';
import type { StatsCounter } from '../stats';
import { ArmError, armErrors } from './arm-error';
import {
  findVm,
  is,
  subscriptionOf,
  type ArmContext,
  type ArmReply,
  type ArmRequest,
  type SubscriptionMetricsMode,
} from './arm-context';
import { seedArmEstate } from './arm-estate';
import { routeCompute } from './compute-routes';
import { EntraTokens } from './entra-tokens';
import { routeResourceMetrics, routeSubscriptionMetrics } from './monitor-routes';

/** ARM bodies are small JSON documents. */
const MAX_BODY_BYTES = 1024 * 1024;
const PUBLIC_ARM_AUDIENCES = [
  'https://management.azure.com',
  'https://management.core.windows.net',
];
/** Blob Storage's resource: the sandbox issues its tokens (Azurite checks them), ARM refuses them. */
const STORAGE_AUDIENCES = ['https://storage.azure.com'];

/** What the sandbox handle shows of its Azure compute estate: where and how to sign in. */
export interface SandboxAzureCompute {
  /** The https origin ARM and Azure Monitor are served at (`resourceManagerEndpoint`). */
  armUrl: string;
  /** The same origin serves the Entra endpoints (`authorityHost` of the credential). */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** A sandbox-only secret: written to the sandbox config (mode 0600), never logged. */
  clientSecret: string;
  subscriptions: { id: string; name: string }[];
  /** Seeded VMs across the subscriptions. */
  vmCount: number;
}

export interface ArmServerOptions {
  host: string;
  port: number;
  tls: { key: string; cert: string };
  seed: number;
  /** How long a power transition or a resize takes. */
  transitionMs: number;
  /** Reference time the seeded creation dates count back from. */
  seedTime: number;
  /** Items per listing page; ARM's own pages are larger, a small one exercises `nextLink`. */
  pageSize?: number;
  /** How the subscription-scope metrics call is answered; `served` unless a test refuses it. */
  subscriptionMetrics?: SubscriptionMetricsMode;
  faults: FaultInjector;
  stats: StatsCounter;
  now: () => number;
  onError: (error: unknown) => void;
}

function operationOf(method: string, segments: string[]): string {
  const lower = segments.map((s) => s.toLowerCase());
  if (lower.includes('microsoft.insights'))
    return lower[2] === 'providers' ? 'metrics.listAtSubscriptionScope' : 'metrics.list';
  if (lower.length <= 2) return 'subscriptions.get';
  const vms = lower.indexOf('virtualmachines');
  if (vms !== -1) {
    const action = lower[vms + 2];
    if (lower[vms + 1] === undefined)
      return lower[2] === 'resourcegroups'
        ? 'virtualMachines.list'
        : lower[3] === 'locations'
          ? 'virtualMachines.listByLocation'
          : 'virtualMachines.listAll';
    if (action !== undefined) return `virtualMachines.${action}`;
    return `virtualMachines.${method === 'GET' ? 'get' : 'update'}`;
  }
  if (lower.includes('operations')) return 'operations.get';
  if (lower.includes('vmsizes')) return 'virtualMachineSizes.list';
  if (lower.includes('disks')) return lower.at(-1) === 'disks' ? 'disks.list' : 'disks.get';
  return `other.${method}`;
}

/**
 * Azure Resource Manager (Microsoft.Compute, Microsoft.Insights metrics) and the Entra token
 * endpoints on their own loopback HTTPS listener: Azure's bearer-token policy and MSAL refuse
 * plain http. Requests pass faults (service `azure`), then `api-version`, then the bearer
 * token, then the route; every reply carries `x-ms-request-id`.
 */
export async function startArmServer(
  options: ArmServerOptions,
): Promise<{ azureCompute: SandboxAzureCompute; stop: () => Promise<void> }> {
  const estate = seedArmEstate(options.seed, options.seedTime);
  let context: ArmContext | null = null;
  let tokens: EntraTokens | null = null;

  const route = async (
    req: IncomingMessage,
    rawPath: string,
    query: URLSearchParams,
    body: Buffer,
  ): Promise<ArmReply> => {
    if (!context || !tokens) throw new Error('ARM server not ready');
    const method = req.method ?? 'GET';
    let segments: string[];
    try {
      segments = rawPath
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      throw armErrors.invalidParameter('The request path is not valid.');
    }
    // Entra: metadata and the token endpoint, unauthenticated and outside the ARM faults.
    if (segments[0] === 'common' && segments[1] === 'discovery') return tokens.instanceDiscovery();
    if (segments.length === 4 && segments[1] === 'v2.0' && segments[2] === '.well-known')
      return tokens.openIdConfiguration(segments[0] ?? '');
    if (segments.length === 4 && segments[1] === 'discovery' && segments[3] === 'keys')
      return { status: 200, json: { keys: [] } };
    if (segments.length === 4 && segments[1] === 'oauth2' && segments[3] === 'token') {
      options.stats.request('entra', 'token');
      if (method !== 'POST') throw armErrors.badMethod(method);
      return tokens.token(segments[0] ?? '', new URLSearchParams(body.toString('utf8')));
    }
    options.stats.request('azure', operationOf(method, segments));
    const decision = options.faults.decide('azure');
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.outcome === 'throttle') {
      options.stats.outcome(429, 'throttle');
      throw armErrors.throttled();
    }
    if (decision.outcome !== 'pass') {
      options.stats.outcome(500, 'error');
      throw decision.outcome === 'internal' ? armErrors.internal() : armErrors.unavailable();
    }
    if (!query.get('api-version')) throw armErrors.missingApiVersion();
    tokens.verify(req.headers.authorization);
    const request: ArmRequest = { method, segments, query, body, now: options.now() };
    if (!is(segments[0], 'subscriptions')) throw armErrors.noRoute(rawPath);
    if (segments.length === 1) {
      if (method !== 'GET') throw armErrors.badMethod(method);
      return {
        status: 200,
        json: {
          value: estate.subscriptions.map((s) => ({
            id: `/subscriptions/${s.id}`,
            subscriptionId: s.id,
            tenantId: estate.tenantId,
            displayName: s.name,
            state: 'Enabled',
          })),
        },
      };
    }
    const sub = subscriptionOf(context, segments[1] ?? '');
    const rest = segments.slice(2);
    if (rest.length === 0) {
      const found = estate.subscriptions.find((s) => s.id === sub);
      return {
        status: 200,
        json: {
          id: `/subscriptions/${sub}`,
          subscriptionId: sub,
          tenantId: estate.tenantId,
          displayName: found?.name,
          state: 'Enabled',
        },
      };
    }
    if (
      rest.length === 3 &&
      is(rest[0], 'providers') &&
      is(rest[1], 'Microsoft.Insights') &&
      is(rest[2], 'metrics')
    )
      return routeSubscriptionMetrics(context, request, sub);
    // {vmId}/providers/Microsoft.Insights/metrics
    if (
      rest.length === 9 &&
      is(rest[0], 'resourceGroups') &&
      is(rest[4], 'virtualMachines') &&
      is(rest[6], 'providers') &&
      is(rest[7], 'Microsoft.Insights') &&
      is(rest[8], 'metrics')
    )
      return routeResourceMetrics(
        context,
        request,
        findVm(context, sub, rest[1] ?? '', rest[5] ?? ''),
      );
    return routeCompute(context, request, sub, rest);
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const run = async () => {
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const body = await readBody(req, MAX_BODY_BYTES);
      let reply: ArmReply;
      try {
        reply = await route(
          req,
          q === -1 ? target : target.slice(0, q),
          new URLSearchParams(q === -1 ? '' : target.slice(q + 1)),
          body,
        );
      } catch (error) {
        if (!(error instanceof ArmError)) throw error;
        reply = { status: error.status, json: error.body(), headers: error.headers };
      }
      if (reply.status >= 400 && reply.status !== 429 && reply.status < 500)
        options.stats.outcome(reply.status, null);
      res.writeHead(reply.status, {
        'x-ms-request-id': requestId,
        'x-ms-correlation-request-id': requestId,
        'x-ccx-sandbox': 'true',
        'cache-control': 'no-cache',
        ...(reply.json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...reply.headers,
      });
      res.end(reply.json === undefined ? undefined : JSON.stringify(reply.json));
    };
    run().catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent)
        res.writeHead(500, { 'content-type': 'application/json', 'x-ms-request-id': requestId });
      res.end(JSON.stringify(armErrors.internal().body()));
    });
  };
  const server = createServer(
    { key: options.tls.key, cert: options.tls.cert, keepAliveTimeout: 30_000 },
    listener,
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const baseUrl = `https://${host}:${port}`;
  context = {
    estate,
    operations: new Map(),
    baseUrl,
    transitionMs: options.transitionMs,
    pageSize: options.pageSize ?? 10,
    seed: options.seed,
    subscriptionMetrics: options.subscriptionMetrics ?? 'served',
    clientId: estate.clientId,
  };
  tokens = new EntraTokens(
    estate,
    baseUrl,
    [baseUrl, ...PUBLIC_ARM_AUDIENCES],
    options.now,
    STORAGE_AUDIENCES,
  );
  return {
    azureCompute: {
      armUrl: baseUrl,
      authorityHost: baseUrl,
      tenantId: estate.tenantId,
      clientId: estate.clientId,
      clientSecret: estate.clientSecret,
      subscriptions: estate.subscriptions.map((s) => ({ ...s })),
      vmCount: estate.vms.size,
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
