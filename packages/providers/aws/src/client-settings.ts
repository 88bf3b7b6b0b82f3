import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsConfig } from './config';
import { createHttpHandler } from './http-handler';
import { fullJitterRetryStrategy } from './retry-strategy';

/** What every SDK client of a connection is built with, whatever its service. */
export interface ClientSettings {
  /** Region for global calls (STS, DescribeRegions): the first configured one, else us-east-1. */
  homeRegion: string;
  requestHandler: NodeHttpHandler;
  forRegion(region: string): {
    region: string;
    endpoint?: string;
    requestHandler: NodeHttpHandler;
    retryStrategy: ConfiguredRetryStrategy;
  };
}

/**
 * One HTTP handler per connection (keep-alive sockets and the extra CA), one retry strategy
 * per client (it carries the client's retry quota), and the endpoint override on all of them.
 */
export function clientSettings(config: AwsConfig, extraCaPem?: string): ClientSettings {
  const requestHandler = createHttpHandler(extraCaPem);
  return {
    homeRegion: config.regions === 'all' ? 'us-east-1' : (config.regions[0] ?? 'us-east-1'),
    requestHandler,
    forRegion: (region) => ({
      region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      requestHandler,
      retryStrategy: fullJitterRetryStrategy(config.maxAttempts),
    }),
  };
}
