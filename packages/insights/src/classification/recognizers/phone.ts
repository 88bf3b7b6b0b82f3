import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Candidate, Recognizer } from './recognizer';

/**
 * A cheap pattern finds digit groups that could be a phone number; only those go through
 * libphonenumber (full metadata), which is far slower per character than a regex. Numbers are
 * read as US numbers first (the default region); a number valid only in another common region is
 * kept with a lower score, and only looked for next to a context word ("phone", "tel"), without
 * which it could not be reported anyway.
 */
const CANDIDATE =
  /(?<![\w+.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d(?:[ .-]?\d){5,15}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w]|[.-]\d)/g;

/** Dates and timestamps (2015-12-22 04…) are digit groups too. */
const DATE_LIKE = /^(?:19|20)\d{2}[-./ ](?:0[1-9]|1[0-2])[-./ ](?:0[1-9]|[12]\d|3[01])(?!\d)/;

/** IPv4 addresses and dotted version numbers. */
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const DEFAULT_REGION: CountryCode = 'US';
const OTHER_REGIONS: readonly CountryCode[] = [
  'GB',
  'CA',
  'AU',
  'DE',
  'FR',
  'IT',
  'ES',
  'NL',
  'BE',
  'CH',
  'SE',
  'IN',
  'BR',
  'MX',
];

/**
 * What a US number needs before libphonenumber is asked: without `+`, ten national digits (after
 * an optional trunk 1) whose area code and exchange both start with 2–9 (the NANP plan). Most
 * digit groups in logs and tables fail this, and it costs nothing next to a parse.
 */
export function nanpShaped(digits: string): boolean {
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length === 10 && national[0]! >= '2' && national[3]! >= '2';
}

function validIn(candidate: string, region: CountryCode): boolean {
  return parsePhoneNumberFromString(candidate, region)?.isValid() === true;
}

export const phoneRecognizer: Recognizer = {
  id: 'phone-number',
  type: 'PHONE_NUMBER',
  contextWords: [
    'phone',
    'tel',
    'telephone',
    'mobile',
    'cell',
    'call',
    'fax',
    'contact',
    'dial',
    'whatsapp',
    'sms',
  ],
  find(text, inContext) {
    const out: Candidate[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const candidate = m[0];
      if (DATE_LIKE.test(candidate) || DOTTED_QUAD.test(candidate)) continue;
      const bare = /^\d+$/.test(candidate);
      let score = 0;
      // A national US number has 10 digits (11 with the trunk 1) before any extension.
      const digits = candidate.replace(/\s?(?:x|ext\.?)\s?\d{1,5}$/, '').replace(/\D/g, '');
      const usShaped = candidate.startsWith('+') || nanpShaped(digits);
      if (usShaped && validIn(candidate, DEFAULT_REGION)) score = bare ? 0.35 : 0.6;
      // A `+` number names its region; a bare digit run valid only abroad is too weak to keep.
      else if (
        !bare &&
        !candidate.startsWith('+') &&
        inContext(m.index, m.index + candidate.length) &&
        OTHER_REGIONS.some((r) => validIn(candidate, r))
      ) {
        score = 0.4;
      }
      if (score > 0) out.push({ start: m.index, end: m.index + candidate.length, score });
    }
    return out;
  },
};
