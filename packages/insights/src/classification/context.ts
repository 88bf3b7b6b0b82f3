/**
 * Context words: a candidate with one of its recognizer's words shortly before it (or just
 * after it) is more likely what it looks like ("card 4111…", "SSN: 123-45-6789"). The boost is
 * Presidio's default (0.35); the window is about five words before and two after. The name of the
 * field holding the value (a CSV column header, a JSON/YAML/env key) counts as context too,
 * however far away it is: see `field-names.ts`.
 */
export const CONTEXT_BOOST = 0.35;
const WINDOW_BEFORE = 48;
const WINDOW_AFTER = 24;

export interface ContextMatcher {
  /** A context word near `start..end` in `text`. */
  near(text: string, start: number, end: number): boolean;
  /** A context word in a normalised field name (`card number`, `signup ip`). */
  names(fieldName: string): boolean;
}

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function contextMatcher(words: readonly string[]): ContextMatcher {
  if (words.length === 0) return { near: () => false, names: () => false };
  const pattern = new RegExp(`(?<![a-z])(?:${words.map(escape).join('|')})s?(?![a-z])`, 'i');
  return {
    near: (text, start, end) =>
      pattern.test(text.slice(Math.max(0, start - WINDOW_BEFORE), start)) ||
      pattern.test(text.slice(end, end + WINDOW_AFTER)),
    names: (fieldName) => pattern.test(fieldName),
  };
}
