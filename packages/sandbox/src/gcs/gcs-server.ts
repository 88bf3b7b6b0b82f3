import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FaultInjector } from '../faults/fault-injector';
import { readBody } from '../read-body';
import type { StatsCounter } from '../stats';
import type { SeedBucket } from '../storage-seed/types';
import { createGcsRouter } from './gcs-router';
import { GcsModel } from './model';
import { loadSeedBuckets } from './seed-buckets';
import { ServiceAccounts, type ServiceAccountKey } from './service-accounts';
import { UploadSessions } from './upload-sessions';

/** Bounds what one request can make the sandbox hold (a simple upload or one resumable PUT). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

export const DEFAULT_GCP_PROJECTS = ['ccx-sandbox-prod', 'ccx-sandbox-data'] as const;

export interface GcsServerOptions {
  host: string;
  port: number;
  projects: readonly string[];
  buckets: readonly SeedBucket[];
  faults: FaultInjector;
  stats: StatsCounter;
  now: () => number;
  onError: (error: unknown) => void;
}

export interface GcsServer {
  /** `http://127.0.0.1:<port>`: the `apiEndpoint` for @google-cloud/storage. */
  url: string;
  /** Each project with the key file of its service account. */
  projects: { id: string; credentials: ServiceAccountKey }[];
  stop(): Promise<void>;
}

/**
 * The GCS JSON API (and the XML object paths signed URLs use) on its own loopback listener:
 * GCS paths such as `/{bucket}/{object}` would collide with S3 path-style URLs on the shared
 * port. State is in memory and lives as long as the server.
 */
export async function startGcsServer(options: GcsServerOptions): Promise<GcsServer> {
  let route: ReturnType<typeof createGcsRouter> | null = null;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const run = async () => {
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const body = await readBody(req, MAX_BODY_BYTES);
      if (!route) throw new Error('GCS router not ready');
      const reply = await route({
        method: req.method ?? 'GET',
        rawPath: q === -1 ? target : target.slice(0, q),
        rawQuery: q === -1 ? '' : target.slice(q + 1),
        headers: req.headers,
        body,
      });
      const headers: Record<string, string> = {
        'x-ccx-sandbox': 'true',
        ...(reply.json === undefined ? {} : { 'content-type': 'application/json; charset=UTF-8' }),
        ...reply.headers,
      };
      res.writeHead(reply.status, headers);
      if (reply.body instanceof Readable) {
        if (req.method === 'HEAD') reply.body.destroy();
        // A client that goes away mid-body destroys the response; the stream stops with it.
        else
          await pipeline(reply.body, res).catch((error: unknown) => {
            if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE')
              options.onError(error);
          });
      } else res.end(reply.json === undefined ? reply.body : JSON.stringify(reply.json));
    };
    run().catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('sandbox: internal error');
    });
  };
  const server: Server = createServer({ keepAliveTimeout: 30_000 }, listener);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  const model = new GcsModel(options.projects, options.now);
  loadSeedBuckets(model, options.buckets);
  const accounts = new ServiceAccounts(options.projects, `${url}/token`);
  route = createGcsRouter({
    context: { model, accounts, sessions: new UploadSessions(), baseUrl: url },
    faults: options.faults,
    stats: options.stats,
    now: options.now,
  });
  return {
    url,
    projects: accounts.list().map((account) => ({ id: account.project, credentials: account.key })),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
