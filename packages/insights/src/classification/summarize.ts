import type { ContentMatch, ContentMatchType } from './types';

export interface ContentSummary {
  counts: Partial<Record<ContentMatchType, number>>;
  maxConfidence: number;
  /** At most {@link MAX_SAMPLES}: the most confident, one per type first, then by confidence. */
  samples: ContentMatch[];
}

export const MAX_SAMPLES = 5;

/** Rolls matches up (per object, or per bucket over many objects' matches). */
export function summarizeMatches(matches: readonly ContentMatch[]): ContentSummary {
  const counts: Partial<Record<ContentMatchType, number>> = {};
  let maxConfidence = 0;
  for (const m of matches) {
    counts[m.type] = (counts[m.type] ?? 0) + 1;
    maxConfidence = Math.max(maxConfidence, m.confidence);
  }
  const ranked = [...matches].sort((a, b) => b.confidence - a.confidence || a.start - b.start);
  const seen = new Set<ContentMatchType>();
  const firstOfType = ranked.filter((m) => !seen.has(m.type) && seen.add(m.type));
  const rest = ranked.filter((m) => !firstOfType.includes(m));
  return { counts, maxConfidence, samples: [...firstOfType, ...rest].slice(0, MAX_SAMPLES) };
}
