import { METRIC_RANGES } from '@ccx/core';
import type { MetricRange } from '@ccx/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { computeMetrics } from '../../api/compute';
import { useApiClient } from '../../app/api-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LineChart } from '../../components/charts/LineChart';
import { chartTimeFormatter, groupCharts, rangeWindow } from '../../compute/charts';
import { formatMetricValue } from '../../compute/format';
import { computeKeys } from '../../compute/query-keys';

const RANGES = Object.keys(METRIC_RANGES) as MetricRange[];

/**
 * CPU, memory, network and disk charts (whichever the resource's type has) over 1 hour, 24 hours or 14 days, live from the provider. When
 * the provider could not be asked, the server answers with the last sync's hourly series and
 * the panel says so, since those are older and coarser than the range suggests.
 */
export function MetricsPanel({
  uid,
  range,
  onRange,
}: {
  uid: string;
  range: MetricRange;
  onRange: (range: MetricRange) => void;
}) {
  const client = useApiClient();
  const metrics = useQuery({
    queryKey: computeKeys.metrics(uid, range),
    queryFn: ({ signal }) => computeMetrics(client, uid, range, signal),
    placeholderData: keepPreviousData,
  });
  const answer = metrics.data;
  const window = answer ? rangeWindow(answer) : null;
  const formatTime = chartTimeFormatter(range);
  return (
    <section className="panel" aria-label="Metrics" aria-busy={metrics.isFetching}>
      <header className="panel-header">
        <h2>Metrics</h2>
        <div className="segmented" role="group" aria-label="Range">
          {RANGES.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={name === range}
              className={name === range ? 'selected' : ''}
              onClick={() => onRange(name)}
            >
              {name}
            </button>
          ))}
        </div>
        {answer?.source === 'store' ? (
          <span className="badge badge-warn" data-testid="metrics-source">
            stored data: the provider could not be reached
          </span>
        ) : null}
      </header>
      {metrics.isError ? (
        <ErrorPanel error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : null}
      {metrics.isPending ? <p className="muted">Loading metrics…</p> : null}
      {answer && window ? (
        <div className="chart-grid-panels">
          {groupCharts(answer.series).map((chart) => {
            const unit = chart.series[0]?.unit ?? 'percent';
            return (
              <LineChart
                key={chart.title}
                title={chart.title}
                series={chart.series}
                periodSeconds={answer.periodSeconds}
                start={window.start}
                end={window.end}
                percent={unit === 'percent'}
                binary={unit === 'bytes'}
                format={(value) => formatMetricValue(unit, value)}
                formatTime={formatTime}
              />
            );
          })}
          {answer.series.length === 0 ? (
            <p className="muted">This resource has no metrics.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
