/**
 * ECS service scaling by target-tracking arithmetic.
 *
 * Target tracking keeps a metric near its target by setting desired = ⌈current × metric /
 * target⌉, and AWS applies it asymmetrically: it scales out as soon as a policy asks, and with
 * several policies it scales out if any asks but scales in only when all agree; scale-in is
 * deliberately slower. This module reproduces that on the service's stored hourly series
 * (CPU and memory, percent of what the tasks reserve):
 *
 * - the load figure for scaling out is the P95 of the recent window (default 24 h): hourly
 *   points are already averages, and P95 ignores a single odd hour while still describing the
 *   busy part of the day that a policy would have to hold;
 * - scaling in uses the window's highest point instead, so the smaller count keeps even the
 *   peak hour under target — the conservative side of the asymmetry;
 * - the result is bounded by the service's min and max capacity (default 1 and unbounded) and
 *   nothing is advised for a service scaled to zero.
 */
import type { ResourceSeries } from './facts';
import { percentile, roundTo, windowOf } from './series';

export interface EcsScalingOptions {
  now: Date;
  /** Target utilisation, percent, per metric. Default 70 for both. */
  targets?: { cpu?: number; memory?: number };
  /** Default 24. */
  windowHours?: number;
  minCapacity?: number;
  maxCapacity?: number;
}

export interface EcsMetricEvidence {
  metric: 'cpu' | 'memory';
  target: number;
  p95: number;
  peak: number;
  points: number;
  /** ⌈current × P95 / target⌉ and ⌈current × peak / target⌉. */
  scaleOutTo: number;
  scaleInTo: number;
}

export type EcsScalingResult =
  | { status: 'insufficient-data'; reason: string }
  | {
      status: 'scale-out' | 'scale-in' | 'hold';
      current: number;
      desired: number;
      metrics: EcsMetricEvidence[];
      minCapacity: number;
      maxCapacity: number | null;
      windowHours: number;
    };

const MIN_POINTS = 12;

function proportional(current: number, value: number, target: number): number {
  // The epsilon keeps exact ratios (4 × 35 / 70 = 2) from rounding up through float error.
  return Math.max(0, Math.ceil((current * value) / target - 1e-9));
}

export function ecsScaling(
  current: number,
  series: ResourceSeries,
  options: EcsScalingOptions,
): EcsScalingResult {
  if (!Number.isInteger(current) || current <= 0)
    return { status: 'insufficient-data', reason: 'the service runs no tasks' };
  const windowHours = options.windowHours ?? 24;
  const minCapacity = Math.max(0, options.minCapacity ?? 1);
  const maxCapacity = options.maxCapacity ?? null;
  const end = Math.floor(options.now.getTime() / 1000);
  const metrics: EcsMetricEvidence[] = [];
  for (const metric of ['cpu', 'memory'] as const) {
    const source = series[metric];
    if (!source) continue;
    const window = windowOf(source, end - windowHours * 3600, end);
    if (window.values.length < MIN_POINTS) continue;
    const target = options.targets?.[metric] ?? 70;
    const p95 = percentile(window.values, 95)!;
    const peak = Math.max(...window.values);
    metrics.push({
      metric,
      target,
      p95: roundTo(p95, 3),
      peak: roundTo(peak, 3),
      points: window.values.length,
      scaleOutTo: proportional(current, p95, target),
      scaleInTo: proportional(current, peak, target),
    });
  }
  if (metrics.length === 0)
    return { status: 'insufficient-data', reason: `fewer than ${MIN_POINTS} recent points` };

  const bound = (count: number) =>
    Math.min(maxCapacity ?? Number.POSITIVE_INFINITY, Math.max(minCapacity, count));
  const out = Math.max(...metrics.map((m) => m.scaleOutTo));
  const inward = Math.max(...metrics.map((m) => m.scaleInTo));
  let desired = current;
  if (out > current) desired = bound(out);
  else if (inward < current) desired = bound(inward);
  const status = desired > current ? 'scale-out' : desired < current ? 'scale-in' : 'hold';
  return { status, current, desired, metrics, minCapacity, maxCapacity, windowHours };
}
