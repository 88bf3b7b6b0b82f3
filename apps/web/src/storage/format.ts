const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Binary units, one decimal above KiB; exact bytes stay available in a title. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`; // a code Intl does not know
  }
}

/**
 * A monthly amount as money: cents shown, and a saving too small to show as a cent says so
 * rather than reading as nothing.
 */
export function formatMonthlyMoney(amount: number, currency: string): string {
  if (amount > 0 && amount < 0.005) return `< ${formatMoney(0.01, currency)}/month`;
  return `${formatMoney(amount, currency)}/month`;
}

/** Expiry presets of the presign dialog, in seconds (7 days is the S3 SigV4 maximum). */
export const PRESIGN_EXPIRIES = [
  { label: '15 minutes', seconds: 15 * 60 },
  { label: '1 hour', seconds: 60 * 60 },
  { label: '1 day', seconds: 24 * 60 * 60 },
  { label: '7 days', seconds: 7 * 24 * 60 * 60 },
] as const;
