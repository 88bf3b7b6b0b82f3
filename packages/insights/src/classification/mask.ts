import type { ContentMatchType } from './types';

/**
 * Masks a matched value so that it can be stored and shown: at most a few characters at its edges
 * survive, never enough to use or reconstruct the value. Structure (separators, `@`, the TLD of
 * an email, the last four digits of a card as printed on receipts) is kept where it helps a
 * reader recognise what was found.
 */
export function maskValue(type: ContentMatchType, value: string): string {
  switch (type) {
    case 'EMAIL':
      return maskEmail(value);
    case 'CREDIT_CARD':
    case 'US_SSN':
      return maskDigitsKeepingLast(value, 4);
    case 'PHONE_NUMBER':
      return maskDigitsKeepingLast(value, 2);
    case 'IBAN':
      return maskEdges(value, 2, 4);
    case 'IP_ADDRESS':
      return maskIp(value);
    case 'SECRET': {
      const keep = Math.min(4, Math.floor(value.length / 5));
      return maskEdges(value, keep, keep);
    }
  }
}

function maskEdges(value: string, head: number, tail: number): string {
  if (head + tail >= value.length / 2) {
    head = Math.floor(value.length / 5);
    tail = head;
  }
  const middle = value.slice(head, value.length - tail).replace(/[^\s-]/g, '*');
  return value.slice(0, head) + middle + value.slice(value.length - tail);
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot === -1 ? domain : domain.slice(0, dot);
  const tld = dot === -1 ? '' : domain.slice(dot);
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

function maskDigitsKeepingLast(value: string, keep: number): string {
  let digitsSeen = 0;
  const total = value.replace(/\D/g, '').length;
  let out = '';
  for (const ch of value) {
    if (ch >= '0' && ch <= '9') {
      digitsSeen++;
      out += digitsSeen > total - keep ? ch : '*';
    } else {
      out += ch;
    }
  }
  return out;
}

/** `STARS[n]` is `n` asterisks (an IPv6 address has at most 45 characters). */
const STARS = Array.from({ length: 46 }, (_, n) => '*'.repeat(n));

/** The first group survives; every other character but the separators becomes `*`. */
function maskIp(value: string): string {
  const sep = value.includes(':') ? ':' : '.';
  let at = value.indexOf(sep);
  if (at === -1) return value;
  let out = value.slice(0, at);
  while (at !== -1) {
    const next = value.indexOf(sep, at + 1);
    const length = (next === -1 ? value.length : next) - at - 1;
    out += sep + (STARS[length] ?? '*'.repeat(length));
    at = next;
  }
  return out;
}
