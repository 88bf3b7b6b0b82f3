import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAwsRouter } from './aws/aws-router';
import { createJsonRouter, isJsonProtocolRequest, type JsonService } from './aws/json-router';
import { CredentialStore } from './aws/credential-store';
import { buildCliConfig } from './cli-config';
import { createCloudWatchService } from './cloudwatch/cloudwatch-service';
import { ecsMetricSource } from './cloudwatch/ecs-source';
import { controlRoute } from './control-routes';
import { createEc2Service } from './ec2/ec2-service';
import { createEcsService } from './ecs/ecs-service';
import { seedEcs } from './ecs/seed-ecs';
import { seedEstate } from './estate/seed';
import { FaultInjector } from './faults/fault-injector';
import type { SandboxHandle } from './handle';
import { sandboxOptionsSchema, type SandboxOptionsInput } from './options';
import { StatsCounter } from './stats';
import { createStsService } from './sts/sts-service';
import { ensureSandboxTls } from './tls/certificates';
import { startGcsServer } from './gcs/gcs-server';
import { seedStorage } from './storage-seed/seed-storage';
import { startSandboxAzure } from './azurite/sandbox-azure';
import { startArmServer } from './azure-arm/arm-server';
import { isS3Request } from './s3/is-s3-request';
import { createS3Simulator } from './s3/s3-simulator';
import { readBody } from './read-body';

/** Query bodies are small; this bounds what a misbehaving client can make the sandbox buffer. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Midnight UTC today: launch times are spread back from here, stable for a whole day. */
const todayUtc = (now: number) => now - (now % 86_400_000);

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Starts the sandbox: one handler served over HTTP and HTTPS on loopback. Everything is built
 * from the validated options — estate from the seed, credentials from the estate — and nothing
 * is global, so several sandboxes can run side by side in one test process.
 */
export async function startSandbox(input: SandboxOptionsInput = {}): Promise<SandboxHandle> {
  const { now: clock, onError: onErrorOption, ...rest } = input;
  const options = sandboxOptionsSchema.parse(rest);
  const now = clock ?? Date.now;
  const onError =
    onErrorOption ?? ((error: unknown) => console.error('sandbox: unexpected error', error));
  const estate = seedEstate(options.seed, options.estate, todayUtc(now()));
  const credentials = new CredentialStore(estate.accounts, options.seed);
  const faults = new FaultInjector(options.seed, options.faults);
  const stats = new StatsCounter(now());
  const routeAws = createAwsRouter({
    services: [
      createStsService(estate, credentials),
      createEc2Service(estate, options.transitionMs),
    ],
    credentials,
    faults,
    stats,
    now,
    onError,
  });
  /** AWS services of the JSON protocols (CloudWatch, ECS), routed by `X-Amz-Target`. */
  const jsonServices: JsonService[] = [];
  const ecs = seedEcs(options.seed, estate.accounts, estate.regions, todayUtc(now()));
  jsonServices.push(createEcsService(ecs, options.transitionMs));
  jsonServices.push(
    createCloudWatchService({ estate, seed: options.seed, ecsServices: ecsMetricSource(ecs) }),
  );
  const routeJson = createJsonRouter(jsonServices, { credentials, faults, stats, now, onError });
  const s3 = createS3Simulator(
    { credentials, faults, stats, now, onError },
    estate.accounts,
    options.syntheticBuckets,
    () =>
      options.s3Scale === 0
        ? []
        : seedStorage({
            seed: options.seed,
            now: todayUtc(now()),
            awsAccounts: estate.accounts.map((a) => a.id),
            gcpProjects: [],
            azureAccounts: [],
            awsRegions: estate.regions,
            scale: options.s3Scale,
          }).buckets,
  );
  const control = {
    stats,
    faults,
    now,
    health: () => ({
      pid: process.pid,
      accounts: estate.accounts.length,
      regions: estate.regions,
      instances: estate.size,
    }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q === -1 ? target : target.slice(0, q);
    const rawQuery = q === -1 ? '' : target.slice(q + 1);
    // S3 is routed before anything reads the body: uploads stream into the simulator.
    const json = isJsonProtocolRequest(req);
    if (!json && !rawPath.startsWith('/_sandbox/') && isS3Request(req, rawQuery)) {
      await s3.handle(req, res, rawPath, rawQuery);
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (rawPath.startsWith('/_sandbox/')) {
      const reply = controlRoute(control, req.method ?? 'GET', rawPath, body.toString('utf8'));
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(reply.json));
      return;
    }
    if (json) {
      const reply = await routeJson(req, rawPath, rawQuery, body);
      res
        .writeHead(reply.status, {
          ...reply.headers,
          'x-amzn-requestid': reply.requestId,
          date: new Date(now()).toUTCString(),
          'x-ccx-sandbox': 'true',
        })
        .end(reply.body);
      return;
    }
    const reply = await routeAws(req, rawPath, rawQuery, body);
    res
      .writeHead(reply.status, {
        'content-type': 'text/xml;charset=UTF-8',
        'x-amzn-requestid': reply.requestId,
        // The sandbox clock, not the host's: the SDK corrects its signing clock from this
        // header, so an injected clock behaves like a server whose clock differs from ours.
        date: new Date(now()).toUTCString(),
        'x-ccx-sandbox': 'true',
      })
      .end(reply.body);
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('sandbox: internal error');
    });
  };

  const tls = await ensureSandboxTls(options.stateDir);
  const httpServer = createHttpServer({ keepAliveTimeout: 30_000 }, listener);
  const httpsServer = createHttpsServer(
    { key: tls.key, cert: tls.cert, keepAliveTimeout: 30_000 },
    listener,
  );
  const port = await listen(httpServer, options.port, options.host);
  let httpsPort: number;
  try {
    httpsPort = await listen(httpsServer, options.httpsPort, options.host);
  } catch (error) {
    await close(httpServer);
    throw error;
  }
  // Azure compute (ARM, Monitor, Entra) is in-process and cheap, so it always runs.
  let arm: Awaited<ReturnType<typeof startArmServer>>;
  try {
    arm = await startArmServer({
      host: options.host,
      port: 0,
      tls,
      seed: options.seed,
      transitionMs: options.transitionMs,
      seedTime: todayUtc(now()),
      subscriptionMetrics: options.azureSubscriptionMetrics,
      faults,
      stats,
      now,
      onError,
    });
  } catch (error) {
    await Promise.all([close(httpServer), close(httpsServer)]);
    throw error;
  }
  let azure: Awaited<ReturnType<typeof startSandboxAzure>> | null = null;
  if (options.azure) {
    try {
      azure = await startSandboxAzure({
        host: options.host,
        seed: options.seed,
        now: todayUtc(now()),
        scale: options.azureScale,
      });
    } catch (error) {
      await Promise.all([close(httpServer), close(httpsServer), arm.stop()]);
      throw error;
    }
  }
  let gcs: Awaited<ReturnType<typeof startGcsServer>>;
  try {
    gcs = await startGcsServer({
      host: options.host,
      port: options.gcsPort,
      projects: options.gcpProjects,
      buckets:
        options.gcsScale === 0
          ? []
          : seedStorage({
              seed: options.seed,
              now: todayUtc(now()),
              awsAccounts: [],
              gcpProjects: options.gcpProjects,
              azureAccounts: [],
              scale: options.gcsScale,
            }).buckets,
      faults,
      stats,
      now,
      onError,
    });
  } catch (error) {
    await Promise.all([close(httpServer), close(httpsServer), arm.stop(), azure?.stop()]);
    throw error;
  }
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}`;
  return {
    url,
    s3Url: url,
    httpsUrl: `https://${hostForUrl}:${httpsPort}`,
    caFile: tls.caFile,
    caPem: tls.caPem,
    accounts: estate.accounts,
    regions: estate.regions,
    instanceCount: estate.size,
    volumeCount: estate.volumeCount,
    addressCount: estate.addressCount,
    ecsClusterCount: ecs.counts().clusters,
    ecsServiceCount: ecs.counts().services,
    ecsTaskCount: ecs.counts().tasks,
    azure: azure?.azure ?? null,
    azureCompute: arm.azureCompute,
    gcp: { url: gcs.url, projects: gcs.projects },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(now()),
    setFaults: (spec) => faults.set(spec),
    stop: async () => {
      await Promise.all([
        close(httpServer),
        close(httpsServer),
        arm.stop(),
        azure?.stop(),
        gcs.stop(),
      ]);
    },
    cliConfig: () =>
      buildCliConfig(url, tls.caFile, estate.accounts, estate.regions, {
        gcp: { url: gcs.url, projects: gcs.projects },
        azure: azure?.azure ?? null,
        azureCompute: arm.azureCompute,
      }),
  };
}
