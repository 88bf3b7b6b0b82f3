import type { Candidate, Recognizer } from './recognizer';

/** Numbers published as examples or used in advertising, never issued to a person (SSA). */
const KNOWN_INVALID = new Set(['078051120', '219099999', '123456789', '457555462']);

/**
 * SSA rules: area 001–899 except 666, group 01–99, serial 0001–9999. The 987-65-4320…4329
 * advertising block falls in area 9xx, which is never issued.
 */
export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || KNOWN_INVALID.has(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = digits.slice(3, 5);
  const serial = digits.slice(5);
  if (area === 0 || area === 666 || area >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  return !/^(\d)\1{8}$/.test(digits);
}

/**
 * `123-45-6789`, `123 45 6789` (one separator kind) or nine bare digits. A comma may follow (the
 * next field of a CSV row): bare digits are too weak to report without context anyway.
 */
const CANDIDATE = /(?<![\w.+-])\d{3}([- ]?)\d{2}\1\d{4}(?![\w]|[.-]\d)/g;

export const usSsnRecognizer: Recognizer = {
  id: 'us-ssn',
  type: 'US_SSN',
  contextWords: ['ssn', 'social security', 'social', 'security number', 'ssns', 'taxpayer', 'tin'],
  find(text) {
    const out: Candidate[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!ssnValid(m[0].replace(/[- ]/g, ''))) continue;
      const end = m.index + m[0].length;
      // Dashed is the printed form of an SSN; spaces or nine bare digits are many other things.
      const score = m[1] === '-' ? 0.6 : m[1] === ' ' ? 0.35 : 0.25;
      out.push({ start: m.index, end, score });
    }
    return out;
  },
};
