import { Writable } from 'node:stream';
import type { ProviderConnection, Role } from '@ccx/core';
import { makeResource } from '@ccx/core';
import type { Store } from '@ccx/store';
import { openStore } from '@ccx/store';
import pino from 'pino';
import { hashPassword } from '../auth/password';
import { createApi } from '../create-api';
import type { Api } from '../create-api';
import type { ApiDeps, OidcOptions } from '../deps';
import { fakeComputeConnection } from './fake-compute';
import type { FakeSync } from './fake-sync';
import { fakeSync } from './fake-sync';
import { checkResponseContract } from './response-contract';

export const PASSWORD = 'correct horse battery staple';

export interface Caller {
  cookie?: string;
  csrf?: string;
  bearer?: string;
}

export interface HarnessOptions {
  oidc?: OidcOptions;
  webRoot?: string;
  now?: () => Date;
  secureCookies?: boolean;
  sessionMaxHours?: number;
  sseHeartbeatMs?: number;
  /** More connections beside `lab` (storage tests add in-memory object storage). */
  connections?: ProviderConnection[];
  /** Pauses before an outcome audit is retried; none unless a test asks, so tests never sleep. */
  outcomeAuditRetryDelaysMs?: readonly number[];
}

/**
 * A real API over a real SQLite store in memory, a scripted sync service and one connection
 * (`lab`) with a fake compute capability. Log lines are captured for assertions. Every 2xx
 * JSON answer is held to the response schema its route declares; a mismatch rejects the
 * request, so no test can pass on an answer the web would refuse.
 */
export async function createHarness(options: HarnessOptions = {}) {
  const store: Store = await openStore({ url: ':memory:' });
  await store.migrate();
  const sync: FakeSync = fakeSync();
  const compute = fakeComputeConnection('lab');
  const connections = new Map<string, ProviderConnection>([['lab', compute.connection]]);
  for (const connection of options.connections ?? []) connections.set(connection.name, connection);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString());
      callback();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const deps: ApiDeps = {
    store,
    sync: sync.service,
    connections,
    logger,
    version: '0.0.0-test',
    sandbox: true,
    auth: {
      sessionTtlHours: 12,
      secureCookies: options.secureCookies ?? false,
      ...(options.sessionMaxHours === undefined
        ? {}
        : { sessionMaxHours: options.sessionMaxHours }),
      ...(options.oidc ? { oidc: options.oidc } : {}),
    },
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.sseHeartbeatMs ? { sseHeartbeatMs: options.sseHeartbeatMs } : {}),
    outcomeAuditRetryDelaysMs: options.outcomeAuditRetryDelaysMs ?? [0, 0, 0],
  };
  const api: Api = createApi(deps);

  async function request(
    path: string,
    init: RequestInit & { as?: Caller } = {},
  ): Promise<Response> {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as?.cookie) headers.set('cookie', as.cookie);
    if (as?.csrf) headers.set('x-csrf-token', as.csrf);
    if (as?.bearer) headers.set('authorization', `Bearer ${as.bearer}`);
    if (rest.body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    const response = await api.app.request(path, { ...rest, headers });
    await checkResponseContract(api.app, rest.method ?? 'GET', path, response);
    return response;
  }

  async function login(
    username: string,
    password = PASSWORD,
  ): Promise<Caller & { response: Response }> {
    const response = await request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    const match = /ccx_session=([^;]+)/.exec(setCookie);
    const body = response.ok ? ((await response.clone().json()) as { csrfToken: string }) : null;
    return {
      response,
      ...(match ? { cookie: `ccx_session=${match[1]}` } : {}),
      ...(body ? { csrf: body.csrfToken } : {}),
    };
  }

  /** Users get a low-cost hash of PASSWORD so that logins keep the suite fast. */
  async function addUser(username: string, role: Role) {
    passwordHash ??= hashPassword(PASSWORD, { cost: 10 });
    return store.users.create({ username, role, passwordHash: await passwordHash });
  }
  let passwordHash: Promise<string> | undefined;

  async function seedInstance(
    id: string,
    state: string,
    extra: { connection?: string; tags?: Record<string, string>; region?: string } = {},
  ) {
    const resource = makeResource({
      provider: 'aws',
      account: '111111111111',
      region: extra.region ?? 'us-east-1',
      type: 'ec2.instance',
      id,
      name: `web-${id}`,
      state,
      tags: extra.tags ?? {},
      createdAt: null,
      attributes: { instanceType: 't3.micro' },
    });
    await store.resources.applyBatch({
      scope: {
        connection: extra.connection ?? 'lab',
        provider: 'aws',
        account: resource.account,
        region: resource.region,
      },
      type: 'ec2.instance',
      runId: 'seed',
      resources: [resource],
    });
    return resource;
  }

  return {
    store,
    sync,
    compute,
    api,
    logLines,
    request,
    login,
    addUser,
    seedInstance,
    async close() {
      await api.close();
      await store.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
