import type { BucketStatistics } from '@ccx/api/contract';
import { formatBytes } from './format';

export interface ClassShare {
  /** The class as listed; `default` where the listing names none. */
  label: string;
  objects: number;
  bytes: number;
  /** Share of the bucket's bytes, 0–100; an empty bucket shares by object count instead. */
  percent: number;
}

/** A class the listing left unnamed is the provider's default one. */
const classLabel = (storageClass: string | null) => storageClass ?? 'default';

/** Each class's share of a bucket, in the order measured (largest first). */
export function classShares(statistics: BucketStatistics): ClassShare[] {
  const byBytes = statistics.bytes > 0;
  const total = byBytes ? statistics.bytes : statistics.objects;
  return statistics.classes.map((c) => ({
    label: classLabel(c.storageClass),
    objects: c.objects,
    bytes: c.bytes,
    percent: total > 0 ? ((byBytes ? c.bytes : c.objects) / total) * 100 : 0,
  }));
}

/** The text alternative of the class bar: `STANDARD: 1.2 GiB, GLACIER: 300 B`. */
export function classMixText(statistics: BucketStatistics): string {
  return statistics.classes
    .map((c) => `${classLabel(c.storageClass)}: ${formatBytes(c.bytes)}`)
    .join(', ');
}
