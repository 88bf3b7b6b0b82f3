import { classifyText } from './classify';
import type { ClassifyOptions, ContentMatch } from './types';

/** A text with the values planted in it (ground truth of a generated estate). */
export interface PlantedText {
  text: string;
  planted: readonly { type: string; value: string }[];
  path?: string;
}

export interface PlantedScore {
  planted: number;
  /** Planted values some match of their type covers entirely. */
  found: number;
  recall: number;
  /** Matches covering no planted value of their type: not all false (a secret key beside a key id). */
  unplanted: number;
}

export const PLANTED_METHOD =
  'a planted value is found if a match of its type covers its whole span; matches covering no ' +
  'planted value of their type are counted, not judged';

/** Spans of planted values in `text`: repeated values take successive occurrences. */
function plantedSpans(item: PlantedText): { type: string; start: number; end: number }[] {
  const spans: { type: string; start: number; end: number }[] = [];
  const next = new Map<string, number>();
  for (const p of item.planted) {
    const start = item.text.indexOf(p.value, next.get(p.value) ?? 0);
    if (start === -1) continue;
    next.set(p.value, start + 1);
    spans.push({ type: p.type, start, end: start + p.value.length });
  }
  return spans;
}

/** Recall per type of planted values, by {@link PLANTED_METHOD}. */
export function evaluatePlanted(
  items: Iterable<PlantedText>,
  options: Omit<ClassifyOptions, 'path'> = {},
): Record<string, PlantedScore> {
  const tally = new Map<string, { planted: number; found: number; unplanted: number }>();
  const of = (type: string) => {
    let t = tally.get(type);
    if (t === undefined) tally.set(type, (t = { planted: 0, found: 0, unplanted: 0 }));
    return t;
  };
  const covers = (m: ContentMatch, s: { type: string; start: number; end: number }): boolean =>
    m.type === s.type && m.start <= s.start && m.end >= s.end;
  for (const item of items) {
    const matches = classifyText(item.text, { ...options, path: item.path });
    const spans = plantedSpans(item);
    for (const p of item.planted) of(p.type).planted++;
    for (const s of spans) if (matches.some((m) => covers(m, s))) of(s.type).found++;
    for (const m of matches) if (!spans.some((s) => covers(m, s))) of(m.type).unplanted++;
  }
  const scores: Record<string, PlantedScore> = {};
  for (const [type, t] of tally)
    scores[type] = { ...t, recall: t.planted === 0 ? 1 : t.found / t.planted };
  return scores;
}
