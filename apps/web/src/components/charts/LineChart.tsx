import { useId, useState } from 'react';
import type { MouseEvent } from 'react';
import {
  linearScale,
  maxValue,
  nearestIndex,
  niceBinaryCeiling,
  niceCeiling,
  plotSeries,
  summarize,
} from './geometry';
import type { SeriesPoints } from './geometry';

export interface ChartSeries extends SeriesPoints {
  label: string;
}

const WIDTH = 560;
const HEIGHT = 180;
const AREA = { x: 56, y: 10, width: WIDTH - 66, height: HEIGHT - 36 };

/**
 * A time chart of one to a few series sharing a unit. Hand-written SVG: gaps in the data
 * break the line instead of bridging it, hovering shows the nearest point's values, and the
 * same values are in a data table below the chart (collapsed, but read by screen readers and
 * there for anyone who wants the numbers). Values are text nodes only; nothing from the data
 * reaches markup.
 */
export function LineChart({
  title,
  series,
  periodSeconds,
  start,
  end,
  format,
  formatTime,
  percent = false,
  binary = false,
}: {
  title: string;
  series: ChartSeries[];
  periodSeconds: number;
  /** Epoch seconds of the x axis: the whole range asked for, whatever the data covers. */
  start: number;
  end: number;
  format: (value: number) => string;
  formatTime: (epochSeconds: number) => string;
  /** Percent series run on a 0–100 axis. */
  percent?: boolean;
  /** Byte series: the axis top is rounded in binary units. */
  binary?: boolean;
}) {
  const titleId = useId();
  const descId = useId();
  const [hover, setHover] = useState<number | null>(null);
  const nonEmpty = series.filter((item) => summarize(item.values) !== null);
  const peak = maxValue(series);
  const yMax = percent ? 100 : binary ? niceBinaryCeiling(peak) : niceCeiling(peak);
  const description =
    nonEmpty.length === 0
      ? 'No data in this range.'
      : nonEmpty
          .map((item) => {
            const s = summarize(item.values);
            return s
              ? `${item.label}: average ${format(s.average)}, peak ${format(s.max)}, latest ${format(s.latest)}`
              : '';
          })
          .join('. ');

  // The hovered time, and each series' point nearest to it.
  const toTime = linearScale([AREA.x, AREA.x + AREA.width], [start, end]);
  const toX = linearScale([start, end], [AREA.x, AREA.x + AREA.width]);
  const hovered =
    hover === null
      ? []
      : series.flatMap((item) => {
          const index = nearestIndex(item.timestamps, hover);
          if (index === null) return [];
          const time = item.timestamps[index] ?? 0;
          const value = item.values[index] ?? NaN;
          return Math.abs(time - hover) <= periodSeconds
            ? [{ label: item.label, time, value }]
            : [];
        });
  const hoverTime = hovered[0]?.time ?? null;

  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    setHover(x < AREA.x || x > AREA.x + AREA.width ? null : toTime(x));
  };

  const ticks = [0, yMax / 2, yMax];
  const toY = linearScale([0, yMax], [AREA.y + AREA.height, AREA.y]);
  return (
    <figure className="line-chart" data-testid="line-chart" data-title={title}>
      <figcaption className="line-chart-title">
        <span>{title}</span>
        <span className="line-chart-legend">
          {series.map((item, index) => (
            <span key={item.label} className={`legend-item series-${index}`}>
              {item.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="line-chart-body">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          {ticks.map((tick) => (
            <g key={tick} className="chart-grid">
              <line x1={AREA.x} x2={AREA.x + AREA.width} y1={toY(tick)} y2={toY(tick)} />
              <text x={AREA.x - 6} y={toY(tick) + 4} textAnchor="end">
                {format(tick)}
              </text>
            </g>
          ))}
          <text className="chart-axis" x={AREA.x} y={HEIGHT - 6}>
            {formatTime(start)}
          </text>
          <text className="chart-axis" x={AREA.x + AREA.width} y={HEIGHT - 6} textAnchor="end">
            {formatTime(end)}
          </text>
          {series.map((item, index) => {
            const plotted = plotSeries(item, { area: AREA, start, end, yMax, periodSeconds });
            return (
              <g key={item.label} className={`chart-series series-${index}`}>
                {plotted.paths.map((path, i) => (
                  <path key={i} d={path} />
                ))}
                {plotted.dots.map((dot, i) => (
                  <circle key={`dot-${i}`} cx={dot.x} cy={dot.y} r={2} />
                ))}
              </g>
            );
          })}
          {hoverTime !== null ? (
            <line
              className="chart-cursor"
              x1={toX(hoverTime)}
              x2={toX(hoverTime)}
              y1={AREA.y}
              y2={AREA.y + AREA.height}
            />
          ) : null}
          {nonEmpty.length === 0 ? (
            <text
              className="chart-empty"
              x={AREA.x + AREA.width / 2}
              y={AREA.y + AREA.height / 2}
              textAnchor="middle"
            >
              No data in this range
            </text>
          ) : null}
        </svg>
        {hoverTime !== null ? (
          <div className="chart-tooltip" role="status" aria-live="off">
            <strong>{formatTime(hoverTime)}</strong>
            {hovered.map((item) => (
              <span key={item.label}>
                {item.label}: {format(item.value)}
              </span>
            ))}
          </div>
        ) : null}
      </div>
      <DataTable title={title} series={series} format={format} formatTime={formatTime} />
    </figure>
  );
}

/** Every point of every series, by time, in a collapsed table. */
function DataTable({
  title,
  series,
  format,
  formatTime,
}: {
  title: string;
  series: ChartSeries[];
  format: (value: number) => string;
  formatTime: (epochSeconds: number) => string;
}) {
  const times = [...new Set(series.flatMap((item) => item.timestamps))].sort((a, b) => a - b);
  if (times.length === 0) return null;
  const lookup = series.map(
    (item) => new Map(item.timestamps.map((time, index) => [time, item.values[index]])),
  );
  return (
    <details className="chart-data">
      <summary>Data table</summary>
      <div className="chart-data-scroll">
        <table className="data-table" aria-label={`${title} values`}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {series.map((item) => (
                <th key={item.label} scope="col">
                  {item.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((time) => (
              <tr key={time}>
                <th scope="row">{formatTime(time)}</th>
                {lookup.map((values, index) => {
                  const value = values.get(time);
                  return <td key={index}>{value === undefined ? '—' : format(value)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
