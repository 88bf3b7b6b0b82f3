/** Exact powers of ten (every one up to 1e22 is a double). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Four significant digits: more than a chart or a percentile needs. Scaling by an exact power
 * of ten and rounding gives the double nearest the 4-digit decimal (what `toPrecision(4)`
 * gives) at a fraction of its cost; magnitudes beyond the table fall back to it.
 */
export function roundValue(value: number): number {
  if (value === 0) return 0;
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const shift = 3 - exponent;
  let rounded: number;
  if (shift >= 0 && shift < POWERS_OF_TEN.length) {
    const scale = POWERS_OF_TEN[shift]!;
    rounded = Math.round(value * scale) / scale;
  } else if (shift < 0 && -shift < POWERS_OF_TEN.length) {
    const scale = POWERS_OF_TEN[-shift]!;
    rounded = Math.round(value / scale) * scale;
  } else {
    rounded = Number(value.toPrecision(4));
  }
  // -0 (a tiny negative rounded away) is stored as 0.
  return rounded === 0 ? 0 : rounded;
}
