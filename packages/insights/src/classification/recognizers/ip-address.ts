import { isIPv6 } from 'node:net';
import type { Candidate, Recognizer } from './recognizer';

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
/** Hex groups and colons with at least two colons; `isIPv6` decides. Times like 12:30:45 fail it. */
const IPV6 =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.\d)/g;

/**
 * Words just before a dotted quad that make it a version or an OID, not an address, and version
 * constraints (`>=1.2.3.4`, `==…`, `~…`). A lone `=` is an assignment (`client=10.0.0.1`).
 */
const VERSION_CONTEXT =
  /(?:\bv|\bver|version|release|build|rev|revision|firmware|oid|@|[<>^~!]=?|==)\s*[:=]?\s*$/i;

function validOctets(candidate: string): boolean {
  return candidate.split('.').every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
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
    if (text.includes(':')) {
      IPV6.lastIndex = 0;
      for (let m = IPV6.exec(text); m !== null; m = IPV6.exec(text)) {
        if (m[0].length < 3) {
          if (m[0].length === 0) IPV6.lastIndex++;
          continue;
        }
        if (!isIPv6(m[0]) || !/[0-9A-Fa-f]/.test(m[0])) continue;
        out.push({ start: m.index, end: m.index + m[0].length, score: 0.75 });
      }
    }
    return out;
  },
};
