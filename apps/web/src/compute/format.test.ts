import type { MetricSeriesView } from '@ccx/api/contract';
import { describe, expect, it } from 'vitest';
import { groupCharts, rangeWindow } from './charts';
import { formatMetricValue, formatPriceDelta, formatSaving } from './format';

describe('compute formatting', () => {
  it('prices a resize per month (730 h), signed, or says nothing without a price', () => {
    expect(formatPriceDelta(0.096, 0.192)).toMatch(/^\+.*70\.08\/mo$/);
    expect(formatPriceDelta(0.192, 0.096)).toMatch(/^−.*70\.08\/mo$/);
    expect(formatPriceDelta(0.1, 0.1)).toBe('same price');
    expect(formatPriceDelta(null, 0.1)).toBeNull();
  });

  it('shows no saving as a dash, not as zero money', () => {
    expect(formatSaving(null)).toBe('—');
    expect(formatSaving(0)).toBe('—');
    expect(formatSaving(12.5)).toMatch(/12\.50\/mo$/);
  });

  it('formats metric values by unit', () => {
    expect(formatMetricValue('percent', 4.25)).toBe('4.3 %');
    expect(formatMetricValue('percent', 42.4)).toBe('42 %');
    expect(formatMetricValue('bytes', 2048)).toBe('2.0 KiB');
  });
});

describe('chart window', () => {
  const now = 1_000_000;
  it('ends now and spans the range asked for', () => {
    expect(rangeWindow({ range: '1h', source: 'provider', series: [] }, now)).toEqual({
      start: now - 3600,
      end: now,
    });
  });

  it('spans all of the stored series when the provider could not be asked', () => {
    const series: MetricSeriesView[] = [
      {
        metric: 'cpu',
        label: 'CPU',
        unit: 'percent',
        timestamps: [now - 14 * 86_400, now - 3600],
        values: [1, 2],
      },
    ];
    expect(rangeWindow({ range: '1h', source: 'store', series }, now)).toEqual({
      start: now - 14 * 86_400,
      end: now,
    });
  });
});

describe('chart groups', () => {
  it('puts metrics of one subject on one chart, in a fixed order, and keeps unknown ones', () => {
    const series = ['networkOut', 'gpu', 'cpuMax', 'cpu', 'networkIn'].map((metric) => ({
      metric,
      label: metric.toUpperCase(),
    }));
    expect(
      groupCharts(series).map((chart) => [chart.title, chart.series.map((item) => item.metric)]),
    ).toEqual([
      ['CPU', ['cpuMax', 'cpu']],
      ['Network', ['networkOut', 'networkIn']],
      ['GPU', ['gpu']],
    ]);
  });
});
