export { cloudWatchMetrics, CALL_CONCURRENCY, MAX_QUERIES_PER_CALL } from './cloudwatch-metrics';
export type { CloudWatchMetrics, MetricCallStats } from './cloudwatch-metrics';
export { CLOUDWATCH_METRICS } from './catalog';
