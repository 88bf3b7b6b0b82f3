import { formatBytes, formatMoney } from '../storage/format';

/** Hours in a month as cloud price lists count them (AWS and Azure both use 730). */
export const HOURS_PER_MONTH = 730;

/** A metric value in its unit; `bytes` are per period, as the providers sum them. */
export function formatMetricValue(unit: string, value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'percent') return `${value.toFixed(value < 10 ? 1 : 0)} %`;
  if (unit === 'bytes') return formatBytes(value);
  return value.toLocaleString();
}

/** The monthly saving the list shows; nothing to save reads as a dash, not as "$0.00". */
export function formatSaving(amount: number | null, currency = 'USD'): string {
  if (amount === null || !(amount > 0)) return '—';
  return `${formatMoney(amount, currency)}/mo`;
}

/** An on-demand hourly price: cloud lists quote these to a tenth of a cent or finer. */
export function formatHourlyPrice(amount: number, currency = 'USD'): string {
  try {
    const text = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    }).format(amount);
    return `${text}/h`;
  } catch {
    return `${amount} ${currency}/h`; // a code Intl does not know
  }
}

export function monthlyPrice(hourly: number | null): number | null {
  return hourly === null ? null : hourly * HOURS_PER_MONTH;
}

/**
 * The change of a month's on-demand price from `current` to `candidate`, signed and with its
 * direction in words, or null when either price is unknown (a size outside the catalog).
 */
export function formatPriceDelta(
  current: number | null,
  candidate: number | null,
  currency = 'USD',
): string | null {
  if (current === null || candidate === null) return null;
  const delta = (candidate - current) * HOURS_PER_MONTH;
  if (Math.abs(delta) < 0.005) return 'same price';
  const amount = formatMoney(Math.abs(delta), currency);
  return delta > 0 ? `+${amount}/mo` : `−${amount}/mo`;
}

/** `ec2.instance` → `instance`, for sentences. */
export function kindOfType(type: string): string {
  return type.split('.').pop() ?? type;
}
