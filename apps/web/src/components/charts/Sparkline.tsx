import { useId } from 'react';
import { maxValue, niceCeiling, plotSeries, summarize } from './geometry';
import type { SeriesPoints } from './geometry';

const WIDTH = 96;
const HEIGHT = 22;

/**
 * A row-sized line of one series. Percent series share a fixed 0–100 axis, so rows compare at
 * a glance; other units scale to their own peak. Its accessible name states the figures the
 * line shows (average and peak), so a screen reader hears the same as a glance gives.
 */
export function Sparkline({
  series,
  periodSeconds,
  start,
  end,
  label,
  format,
  percent = false,
}: {
  series: SeriesPoints;
  periodSeconds: number;
  /** Epoch seconds the x axis spans; a window with no points at its end shows the gap. */
  start: number;
  end: number;
  /** What the line is, e.g. "CPU, last 7 days". */
  label: string;
  format: (value: number) => string;
  percent?: boolean;
}) {
  const titleId = useId();
  const summary = summarize(series.values);
  if (!summary) {
    return (
      <span className="sparkline-empty muted" aria-label={`${label}: no data`}>
        no data
      </span>
    );
  }
  const yMax = percent ? 100 : niceCeiling(maxValue([series]));
  const plotted = plotSeries(series, {
    area: { x: 1, y: 1, width: WIDTH - 2, height: HEIGHT - 2 },
    start,
    end,
    yMax,
    periodSeconds,
  });
  const text = `${label}: average ${format(summary.average)}, peak ${format(summary.max)}, latest ${format(summary.latest)}`;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={titleId}
      data-testid="sparkline"
    >
      <title id={titleId}>{text}</title>
      {plotted.paths.map((path, index) => (
        <path key={index} d={path} className="sparkline-line" />
      ))}
      {plotted.dots.map((dot, index) => (
        <circle key={`dot-${index}`} cx={dot.x} cy={dot.y} r={1.2} className="sparkline-dot" />
      ))}
    </svg>
  );
}
