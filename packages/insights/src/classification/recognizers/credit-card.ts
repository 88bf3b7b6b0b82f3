import { luhnValid } from './luhn';
import type { Candidate, Recognizer } from './recognizer';

interface Brand {
  /** Inclusive ranges of the leading digits (the IIN prefix), compared as numbers of equal width. */
  prefixes: readonly (readonly [string, string])[];
  lengths: readonly number[];
}

/** Issuer ranges and lengths of the major networks (ISO/IEC 7812 IIN registrations as published by each network). */
const BRANDS: readonly Brand[] = [
  { prefixes: [['4', '4']], lengths: [13, 16, 19] }, // Visa
  {
    prefixes: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16],
  }, // Mastercard
  {
    prefixes: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15],
  }, // American Express
  {
    prefixes: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
      ['622126', '622925'],
    ],
    lengths: [16, 17, 18, 19],
  }, // Discover
  { prefixes: [['3528', '3589']], lengths: [16, 17, 18, 19] }, // JCB
  {
    prefixes: [
      ['1800', '1800'],
      ['2131', '2131'],
    ],
    lengths: [15],
  }, // JCB (legacy 15-digit)
  {
    prefixes: [
      ['300', '305'],
      ['309', '309'],
      ['36', '36'],
      ['38', '39'],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
  }, // Diners Club
  {
    prefixes: [
      ['5018', '5018'],
      ['5020', '5020'],
      ['5038', '5038'],
      ['5893', '5893'],
      ['56', '58'],
      ['6304', '6304'],
      ['6759', '6759'],
      ['6761', '6763'],
    ],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  }, // Maestro
  { prefixes: [['62', '62']], lengths: [16, 17, 18, 19] }, // UnionPay
];

export function cardBrandMatches(digits: string): boolean {
  return BRANDS.some(
    (brand) =>
      brand.lengths.includes(digits.length) &&
      brand.prefixes.some(([lo, hi]) => {
        const head = digits.slice(0, lo.length);
        return head >= lo && head <= hi;
      }),
  );
}

/**
 * 12–19 digits, bare or grouped by single spaces or dashes (one kind throughout). Groups are
 * delimited, so the pattern cannot split one digit run several ways and backtrack. A comma may
 * border a candidate (a CSV field): digits grouped by commas never form one, and a decimal comma
 * after 12+ digits is no amount anyone writes.
 *
 * Every branch starts with two digits, matched before the look-behind (which then checks the
 * character before them): the same matches as a leading `(?<![\w.+-])`, but the engine can skip
 * ahead to a digit pair instead of testing every position.
 */
const CANDIDATE =
  /\d\d(?<![\w.+-]\d\d)(?:\d{10,17}|\d{0,4}(?:( )\d{2,6}){1,5}|\d{0,4}(?:(-)\d{2,6}){1,5})(?![\w]|[.-]\d)/g;

/** Grouped as printed on a card: 4-4-4-4 (Visa, Mastercard…) or 4-6-5 (Amex, Diners). */
const PRINTED = /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}$|^\d{4}([ -])\d{6}\2\d{5}$/;

export const creditCardRecognizer: Recognizer = {
  id: 'credit-card',
  type: 'CREDIT_CARD',
  contextWords: [
    'card',
    'credit',
    'debit',
    'cc',
    'visa',
    'mastercard',
    'amex',
    'discover',
    'jcb',
    'diners',
    'maestro',
    'payment',
    'pan',
  ],
  find(text) {
    const out: Candidate[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const digits = m[0].replace(/[ -]/g, '');
      if (digits.length < 12 || digits.length > 19) continue;
      if (!luhnValid(digits) || !cardBrandMatches(digits)) continue;
      if (/^(\d)\1+$/.test(digits)) continue;
      // A Luhn-valid number in a network's IIN range, grouped as printed on a card, is strong
      // evidence by itself (one random digit string in ten passes Luhn, far fewer also fit a
      // range and length); other groupings less so, a bare digit run least.
      const grouped = m[1] !== undefined || m[2] !== undefined;
      const common = digits.length === 15 || digits.length === 16;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        score: PRINTED.test(m[0]) ? 0.8 : grouped ? 0.7 : common ? 0.5 : 0.4,
      });
    }
    return out;
  },
};
