import { isIPv6 } from 'node:net';
import type { Candidate, Recognizer } from './recognizer';

/**
 * A dotted quad not inside a longer dotted or word run. The first digit is matched before the
 * look-behind (which then checks the character before it): the same matches as a leading
 * `(?<![\w.])`, but the engine can skip to the next digit instead of testing every position.
 */
const IPV4 = /\d(?<![\w.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\w]|\.\d)/g;
/** Hex groups and colons with at least two colons; `isIPv6` decides. Times like 12:30:45 fail it. */
const IPV6 =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.\d)/y;

const isHex = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** `[\w:.]` as a pattern without the `u` flag reads it. */
const isWordColonOrDot = (c: number): boolean =>
  (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;

/**
 * The first colon at or after `from` followed, after at most four hex digits, by another colon:
 * an {@link IPV6} match starts at most four characters before such a colon, so the pattern is
 * tried only there instead of at every hex letter of the text. -1 when there is none.
 */
function nextColonPair(text: string, from: number): number {
  for (let c = text.indexOf(':', from); c !== -1; c = text.indexOf(':', c + 1)) {
    for (let i = c + 1; i <= c + 5 && i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 58) return c;
      if (!isHex(code)) break;
    }
  }
  return -1;
}

/** {@link IPV6} matches in order, as a global search would find them. */
function* ipv6Matches(text: string): Generator<{ index: number; value: string }> {
  let pos = 0;
  for (let colon = nextColonPair(text, 0); colon !== -1; colon = nextColonPair(text, pos)) {
    let found = false;
    for (let start = Math.max(pos, colon - 4); start <= colon; start++) {
      // The pattern's look-behind and first character, checked before calling into it.
      const first = text.charCodeAt(start);
      if (first !== 58 && !isHex(first)) continue;
      if (start > 0 && isWordColonOrDot(text.charCodeAt(start - 1))) continue;
      IPV6.lastIndex = start;
      const m = IPV6.exec(text);
      if (m === null) continue;
      yield { index: start, value: m[0] };
      pos = start + m[0].length;
      found = true;
      break;
    }
    if (!found) pos = colon + 1;
  }
}

/**
 * Words just before a dotted quad that make it a version or an OID, not an address, and version
 * constraints (`>=1.2.3.4`, `==…`, `~…`). A lone `=` is an assignment (`client=10.0.0.1`).
 */
const VERSION_CONTEXT =
  /(?:\bv|\bver|version|release|build|rev|revision|firmware|oid|@|[<>^~!]=?|==)\s*[:=]?\s*$/i;

/** Each octet at most 255 and without a leading zero (the pattern gives 1–3 digits per octet). */
function validOctets(candidate: string): boolean {
  let octet = 0;
  let digits = 0;
  let leadingZero = false;
  for (let i = 0; i <= candidate.length; i++) {
    const c = i < candidate.length ? candidate.charCodeAt(i) : 46;
    if (c === 46) {
      if (octet > 255 || (leadingZero && digits > 1)) return false;
      octet = 0;
      digits = 0;
      continue;
    }
    if (digits === 0) leadingZero = c === 48;
    octet = octet * 10 + (c - 48);
    digits++;
  }
  return true;
}

export const ipAddressRecognizer: Recognizer = {
  id: 'ip-address',
  type: 'IP_ADDRESS',
  contextWords: [
    'ip',
    'address',
    'addr',
    'host',
    'server',
    'client',
    'remote',
    'from',
    'src',
    'dst',
    'gateway',
  ],
  find(text) {
    const out: Candidate[] = [];
    IPV4.lastIndex = 0;
    for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
      if (!validOctets(m[0])) continue;
      if (VERSION_CONTEXT.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, score: 0.75 });
    }
    for (const m of ipv6Matches(text)) {
      if (m.value.length < 3 || !isIPv6(m.value) || !/[0-9A-Fa-f]/.test(m.value)) continue;
      out.push({ start: m.index, end: m.index + m.value.length, score: 0.75 });
    }
    return out;
  },
};
