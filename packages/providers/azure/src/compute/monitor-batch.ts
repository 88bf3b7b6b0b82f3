import type { MonitorClient } from '@azure/arm-monitor';
import { createSerializer, type OperationSpec } from '@azure/core-client';
import { z } from 'zod';

/**
 * `Metrics - List At Subscription Scope Post`: the metrics of many resources of one region in
 * one call. @azure/arm-monitor 7 predates it, so the operation is described here and sent
 * through the MonitorClient's own pipeline (credential, retries, TLS) with
 * `sendOperationRequest`; the response is validated with zod rather than the SDK's mappers.
 */
export const SUBSCRIPTION_METRICS_API_VERSION = '2023-10-01';

const string = (name: string) => ({
  serializedName: name,
  required: true,
  type: { name: 'String' as const },
});

const subscriptionMetricsPost: OperationSpec = {
  path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/metrics',
  httpMethod: 'POST',
  responses: {
    200: {},
    default: {
      bodyMapper: {
        type: {
          name: 'Composite',
          className: 'MetricsErrorResponse',
          modelProperties: {
            error: {
              serializedName: 'error',
              type: {
                name: 'Composite',
                className: 'MetricsErrorDetail',
                modelProperties: {
                  code: { serializedName: 'code', type: { name: 'String' } },
                  message: { serializedName: 'message', type: { name: 'String' } },
                },
              },
            },
          },
        },
      },
    },
  },
  requestBody: { parameterPath: 'body', mapper: { ...string('body'), type: { name: 'any' } } },
  queryParameters: [
    {
      parameterPath: 'apiVersion',
      mapper: {
        ...string('api-version'),
        isConstant: true,
        defaultValue: SUBSCRIPTION_METRICS_API_VERSION,
      },
    },
    { parameterPath: 'region', mapper: string('region') },
  ],
  urlParameters: [
    { parameterPath: '$host', mapper: string('$host'), skipEncoding: true },
    { parameterPath: 'subscriptionId', mapper: string('subscriptionId') },
  ],
  headerParameters: [
    {
      parameterPath: 'accept',
      mapper: { ...string('Accept'), isConstant: true, defaultValue: 'application/json' },
    },
    {
      parameterPath: 'contentType',
      mapper: { ...string('Content-Type'), isConstant: true, defaultValue: 'application/json' },
    },
  ],
  mediaType: 'json',
  serializer: createSerializer({}, false),
};

/** The body of the POST: the same parameters as the GET's query, camel-cased. */
export interface SubscriptionMetricsQuery {
  timespan: string;
  interval: string;
  metricNames: string;
  aggregation: string;
  filter: string;
  top: number;
  metricNamespace: string;
  resultType: 'Data';
  autoAdjustTimegrain: false;
}

/**
 * One data point. Points come by the hundred thousand in a long window, so they are checked
 * where they are read (a timestamp string, finite numbers) rather than object by object here.
 */
export interface MetricPoint {
  /** A string on the wire; the SDK's own operations deserialize it to a Date. */
  timeStamp: string | Date;
  average?: number | null;
  maximum?: number | null;
  minimum?: number | null;
  total?: number | null;
  count?: number | null;
}
const pointSchema = z.custom<MetricPoint>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'expected a data point object',
);

export const metricsResponseSchema = z.object({
  interval: z.string().optional(),
  value: z.array(
    z.object({
      name: z.object({ value: z.string() }),
      unit: z.string().optional(),
      errorCode: z.string().optional(),
      timeseries: z
        .array(
          z.object({
            metadatavalues: z
              .array(
                z.object({ name: z.object({ value: z.string() }), value: z.string().nullish() }),
              )
              .default([]),
            data: z.array(pointSchema).default([]),
          }),
        )
        .default([]),
    }),
  ),
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;

export async function listMetricsAtSubscriptionScope(
  client: MonitorClient,
  subscriptionId: string,
  region: string,
  body: SubscriptionMetricsQuery,
  abortSignal?: AbortSignal,
): Promise<MetricsResponse> {
  // The operation has no body mapper, so the document is taken as parsed from the wire.
  let raw: unknown;
  await client.sendOperationRequest<unknown>(
    {
      subscriptionId,
      region,
      body,
      options: {
        abortSignal,
        onResponse: (response) => {
          raw = response.parsedBody;
        },
      },
    },
    subscriptionMetricsPost,
  );
  const parsed = metricsResponseSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `Azure Monitor answered an unexpected document: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}
