import type { Candidate, Recognizer } from './recognizer';
import { checkTld } from './tlds';

/**
 * Finds `@` with indexOf and grows the address around it, instead of a pattern that would try
 * every word character as a start: linear in the text, whatever it holds.
 */
const LOCAL_CHAR = /[A-Za-z0-9._%+\-']/;
const DOMAIN =
  /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})(?![A-Za-z0-9-]|\.[A-Za-z0-9])/y;

export const emailRecognizer: Recognizer = {
  id: 'email',
  type: 'EMAIL',
  contextWords: ['email', 'e-mail', 'mail', 'contact', 'address', 'reach'],
  find(text) {
    const out: Candidate[] = [];
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
      while (start < at && /[.'-]/.test(text[start]!)) start++;
      const local = text.slice(start, at);
      if (local.length === 0 || local.endsWith('.') || local.includes('..')) continue;
      DOMAIN.lastIndex = at + 1;
      const m = DOMAIN.exec(text);
      if (m === null) continue;
      const verdict = checkTld(m[1]!);
      if (verdict === 'invalid') continue;
      out.push({ start, end: at + 1 + m[0].length, score: verdict === 'known' ? 0.9 : 0.6 });
    }
    return out;
  },
};
