/**
 * Shannon entropy in bits per character, over UTF-16 code units, as gitleaks computes it for a
 * rule's `entropy` threshold: a random 32-char hex string scores about 3.7–4, a word about 2–3.
 */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
