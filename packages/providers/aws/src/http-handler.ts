import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * The HTTP handler every client of a connection shares. An extra CA (the sandbox's, or a
 * corporate proxy's) is added to Node's bundled roots rather than replacing them, so the same
 * connection still reaches real AWS endpoints. Keep-alive agents because a sync makes many
 * small requests to the same host.
 */
export function createHttpHandler(extraCaPem?: string): NodeHttpHandler {
  const ca = extraCaPem ? [...rootCertificates, extraCaPem] : undefined;
  return new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50, ...(ca ? { ca } : {}) }),
    connectionTimeout: 5_000,
    requestTimeout: 60_000,
  });
}
