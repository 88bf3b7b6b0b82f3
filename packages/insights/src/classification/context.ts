/**
 * Context words: a candidate with one of its recognizer's words shortly before it (or just
 * after it) is more likely what it looks like ("card 4111…", "SSN: 123-45-6789"). The boost is
 * Presidio's default (0.35); the window is about five words before and two after.
 */
export const CONTEXT_BOOST = 0.35;
const WINDOW_BEFORE = 48;
const WINDOW_AFTER = 24;

export type ContextMatcher = (text: string, start: number, end: number) => boolean;

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function contextMatcher(words: readonly string[]): ContextMatcher {
  if (words.length === 0) return () => false;
  const pattern = new RegExp(`(?<![a-z])(?:${words.map(escape).join('|')})s?(?![a-z])`, 'i');
  return (text, start, end) =>
    pattern.test(text.slice(Math.max(0, start - WINDOW_BEFORE), start)) ||
    pattern.test(text.slice(end, end + WINDOW_AFTER));
}
