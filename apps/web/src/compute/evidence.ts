/**
 * Reading a finding's evidence for display. Evidence is free-form JSON from the insights (each
 * kind has its own fields), so nothing here trusts a shape: every reader checks types and
 * returns null for what it cannot find, and the page falls back to a plain key/value table.
 */

export interface EvidenceSeries {
  /** The evidence field it came from, for the chart's title. */
  field: string;
  /** Epoch seconds, ascending. */
  timestamps: number[];
  values: number[];
}

/** What the evidence says about a size, when it says it (`{ type, vcpu, memoryGiB, monthlyPrice }`). */
export interface SizeFacts {
  vcpu: number | null;
  memoryGiB: number | null;
  monthlyPrice: number | null;
}

export interface RightsizingEvidence {
  current: string | null;
  recommended: string | null;
  currentFacts: SizeFacts | null;
  recommendedFacts: SizeFacts | null;
  /** The percentile of demand, as a percentile (99.5), whatever scale the evidence used. */
  percentile: number | null;
  /** Headroom in percent (20), whatever scale the evidence used. */
  headroom: number | null;
  /** The demand the percentile measured, in percent CPU. */
  demand: number | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNumberArray = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item));

function firstString(evidence: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = evidence[key];
    if (typeof value === 'string' && value) return value;
    // `{ type: 'm5.large', vcpu: 2 }` style entries name the size inside.
    if (isRecord(value)) {
      for (const inner of ['type', 'size', 'name', 'instanceType']) {
        if (typeof value[inner] === 'string' && value[inner]) return value[inner];
      }
    }
  }
  return null;
}

function firstNumber(evidence: Record<string, unknown>, keys: readonly string[]): number | null {
  for (const key of keys) {
    const value = evidence[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

/** 0.2 and 20 both mean twenty percent: fractions are scaled up. */
const asPercent = (value: number | null): number | null =>
  value === null ? null : value <= 1 ? value * 100 : value;

function sizeFacts(value: unknown): SizeFacts | null {
  if (!isRecord(value)) return null;
  const facts = {
    vcpu: firstNumber(value, ['vcpu', 'vcpus']),
    memoryGiB: firstNumber(value, ['memoryGiB', 'memory']),
    monthlyPrice: firstNumber(value, ['monthlyPrice']),
  };
  return Object.values(facts).some((item) => item !== null) ? facts : null;
}

export function readRightsizing(evidence: Record<string, unknown>): RightsizingEvidence {
  return {
    currentFacts: sizeFacts(evidence['current']),
    recommendedFacts: sizeFacts(evidence['recommended']),
    current: firstString(evidence, ['currentType', 'currentSize', 'current', 'from']),
    recommended: firstString(evidence, [
      'recommendedType',
      'recommendedSize',
      'recommended',
      'recommendation',
      'to',
    ]),
    percentile: asPercent(firstNumber(evidence, ['percentile'])),
    headroom: asPercent(firstNumber(evidence, ['headroom', 'headroomPercent'])),
    demand: firstNumber(evidence, ['percentileValue', 'demand', 'observedPercentile', 'pValue']),
  };
}

/** A date as ISO text, or epoch seconds/milliseconds, to epoch seconds. */
function toEpochSeconds(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value > 1e11 ? Math.floor(value / 1000) : value;
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}

const TIME_KEYS = ['timestamp', 't', 'at', 'day', 'date', 'start'] as const;
const VALUE_KEYS = ['value', 'v', 'p', 'percentile', 'cpu'] as const;

/** `[{ day: '2026-11-01', value: 12 }, …]` → columns; null unless every point reads. */
function pointsToSeries(points: unknown[]): { timestamps: number[]; values: number[] } | null {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const point of points) {
    if (!isRecord(point)) return null;
    const timeKey = TIME_KEYS.find((key) => key in point);
    const valueKey = VALUE_KEYS.find((key) => typeof point[key] === 'number');
    if (!timeKey || !valueKey) return null;
    const time = toEpochSeconds(point[timeKey]);
    if (time === null) return null;
    timestamps.push(time);
    values.push(point[valueKey] as number);
  }
  return { timestamps, values };
}

/**
 * The first time series in the evidence (the percentile series of a rightsizing, say):
 * `{ timestamps, values }` columns, or an array of `{ time, value }` points. Points come back
 * in time order whatever order they were stored in.
 */
export function findEvidenceSeries(evidence: Record<string, unknown>): EvidenceSeries | null {
  for (const [field, value] of Object.entries(evidence)) {
    let series: { timestamps: number[]; values: number[] } | null = null;
    if (isRecord(value) && isNumberArray(value['timestamps']) && isNumberArray(value['values'])) {
      if (value['timestamps'].length === value['values'].length)
        series = {
          timestamps: value['timestamps'].map((t) => toEpochSeconds(t) ?? t),
          values: value['values'],
        };
    } else if (Array.isArray(value) && value.length > 1 && value.every(isRecord)) {
      series = pointsToSeries(value);
    }
    if (series && series.timestamps.length > 0) {
      const order = series.timestamps.map((_, index) => index);
      order.sort((a, b) => (series.timestamps[a] ?? 0) - (series.timestamps[b] ?? 0));
      return {
        field,
        timestamps: order.map((index) => series.timestamps[index] ?? 0),
        values: order.map((index) => series.values[index] ?? 0),
      };
    }
  }
  return null;
}

/** Evidence fields that read as one value each; series and long lists are left to the chart. */
export function plainEvidence(evidence: Record<string, unknown>): [string, unknown][] {
  return Object.entries(evidence).filter(([, value]) => {
    if (Array.isArray(value)) return value.length <= 8 && !value.some(isRecord);
    if (isRecord(value)) return !('timestamps' in value && 'values' in value);
    return true;
  });
}
