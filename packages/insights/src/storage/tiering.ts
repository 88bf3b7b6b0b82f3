import type { Money, ProviderId } from '@ccx/core';
import type { ClassPrice, StoragePriceTable } from './prices';
import { STORAGE_PRICES } from './prices';

/** Objects of one storage class, by age band (age = days since last modification). */
export interface TieringClassInput {
  /** null: the provider's default class (the listing did not say). */
  storageClass: string | null;
  ages: readonly { minAgeDays: number; objects: number; bytes: number }[];
}

export interface TieringOptions {
  /**
   * Share of the moved bytes assumed read back each month, charged at the target's retrieval
   * price. Age since modification says nothing about reads, so this is an explicit assumption;
   * default 1 %.
   */
  monthlyReadFraction?: number;
}

export interface TieringRecommendation {
  fromClass: string;
  toClass: string;
  bytes: number;
  objects: number;
  /** Youngest age band moved, in days. */
  minAgeDays: number;
  reason: string;
  /** Storage saved minus assumed retrieval, per month once moved. */
  monthlySaving: Money;
  /** Transition requests, paid once. */
  oneTimeCost: Money;
}

export interface TieringAdvice {
  recommendations: TieringRecommendation[];
  estimatedMonthlySaving: Money;
}

const GIB = 1024 ** 3;
const DAYS_PER_MONTH = 30;
const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

interface Move {
  to: string;
  net: number;
  oneTime: number;
  breakEvenDays: number;
}

/**
 * The best colder class for one age band, or null. A move pays when its monthly saving
 * (storage difference, with the target's minimum billable object size, minus assumed reads)
 * is positive and the band is old enough: at least the target's minimum age and minimum
 * storage duration, and at least the days the saving needs to repay the transition requests.
 * An object unmodified for N days is taken as likely to stay so for N more, which is why the
 * band's age is compared with those durations.
 */
function bestMove(
  from: ClassPrice,
  targets: readonly [string, ClassPrice][],
  band: { minAgeDays: number; objects: number; bytes: number },
  readFraction: number,
): Move | null {
  let best: Move | null = null;
  for (const [name, target] of targets) {
    if (!target.tieringTarget || target.storagePerGbMonth >= from.storagePerGbMonth) continue;
    const gb = band.bytes / GIB;
    const billedGb = Math.max(band.bytes, band.objects * target.minBillableBytes) / GIB;
    const net =
      gb * from.storagePerGbMonth -
      billedGb * target.storagePerGbMonth -
      gb * readFraction * target.retrievalPerGb;
    if (net <= 0) continue;
    const oneTime = (band.objects / 1000) * target.transitionPer1000;
    const breakEvenDays = Math.max(
      target.minAgeDays,
      target.minStorageDays,
      (oneTime / net) * DAYS_PER_MONTH,
    );
    if (band.minAgeDays < breakEvenDays) continue;
    if (!best || net > best.net) best = { to: name, net, oneTime, breakEvenDays };
  }
  return best;
}

/**
 * Which objects would cost less in a colder class, from a bucket's per-class age histogram
 * and list prices. Pure and deterministic: no sampling, the same statistics give the same
 * advice. Classes missing from the price table (a provider's class the table does not list)
 * are left alone rather than guessed at; classes the table marks as no tiering target are
 * never advised as a destination.
 */
export function tieringAdvice(
  provider: ProviderId,
  stats: { classes: readonly TieringClassInput[] },
  prices: StoragePriceTable = STORAGE_PRICES,
  options: TieringOptions = {},
): TieringAdvice {
  const currency = prices.currency;
  const table =
    provider === 'aws' || provider === 'gcp' || provider === 'azure'
      ? prices.providers[provider]
      : null;
  if (!table) return { recommendations: [], estimatedMonthlySaving: { amount: 0, currency } };
  const readFraction = options.monthlyReadFraction ?? 0.01;
  const targets = Object.entries(table.classes);
  const merged = new Map<string, TieringRecommendation & { net: number; cost: number }>();
  for (const cls of stats.classes) {
    const fromClass = cls.storageClass ?? table.defaultClass;
    const from = table.classes[fromClass];
    if (!from) continue;
    for (const band of cls.ages) {
      if (band.objects <= 0 || band.bytes <= 0) continue;
      const move = bestMove(from, targets, band, readFraction);
      if (!move) continue;
      const id = `${fromClass}\u0000${move.to}`;
      const seen = merged.get(id);
      if (seen) {
        seen.bytes += band.bytes;
        seen.objects += band.objects;
        seen.net += move.net;
        seen.cost += move.oneTime;
        seen.minAgeDays = Math.min(seen.minAgeDays, band.minAgeDays);
      } else {
        merged.set(id, {
          fromClass,
          toClass: move.to,
          bytes: band.bytes,
          objects: band.objects,
          minAgeDays: band.minAgeDays,
          reason: '',
          monthlySaving: { amount: 0, currency },
          oneTimeCost: { amount: 0, currency },
          net: move.net,
          cost: move.oneTime,
        });
      }
    }
  }
  const recommendations = [...merged.values()]
    .map(({ net, cost, ...rec }): TieringRecommendation => {
      const target = table.classes[rec.toClass];
      return {
        ...rec,
        reason:
          `${rec.objects} objects in ${rec.fromClass} unmodified for ${rec.minAgeDays}+ days; ` +
          `${rec.toClass} stores a GB-month for ${target?.storagePerGbMonth ?? '?'} ${currency} ` +
          `(minimum ${target?.minStorageDays ?? 0} days, retrieval ${target?.retrievalPerGb ?? 0} ${currency}/GB)`,
        monthlySaving: { amount: round(net, 4), currency },
        oneTimeCost: { amount: round(cost, 4), currency },
      };
    })
    .sort((a, b) => b.monthlySaving.amount - a.monthlySaving.amount);
  const total = recommendations.reduce((sum, rec) => sum + rec.monthlySaving.amount, 0);
  return { recommendations, estimatedMonthlySaving: { amount: round(total, 4), currency } };
}
