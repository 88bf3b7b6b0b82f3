import type { Prng } from '../prng';

/**
 * Generators of sensitive values that pass the validators real detectors apply (Luhn, IBAN
 * mod-97, SSN area/group/serial rules), so planted data is found for the right reason and a
 * classifier that skips validation is not rewarded with fake hits.
 */
const FIRST = ['ana', 'bram', 'chloe', 'dmitri', 'elif', 'farah', 'goran', 'hana', 'ivan', 'june'];
const LAST = ['silva', 'dekker', 'moreau', 'petrov', 'yilmaz', 'haddad', 'novak', 'sato', 'berg'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'example.co.uk'];

export function personName(prng: Prng): { first: string; last: string } {
  return { first: prng.pick(FIRST), last: prng.pick(LAST) };
}

export function email(prng: Prng, person = personName(prng)): string {
  const sep = prng.pick(['.', '_', '']);
  return `${person.first}${sep}${person.last}${prng.int(1, 99)}@${prng.pick(DOMAINS)}`;
}

/** Appends the Luhn check digit to `partial`. */
export function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${partial}${(10 - (sum % 10)) % 10}`;
}

/** A Visa, Mastercard or Amex number with a valid check digit, grouped as printed on cards. */
export function creditCard(prng: Prng): string {
  const brand = prng.pick(['visa', 'mastercard', 'amex'] as const);
  if (brand === 'amex') {
    const digits = luhnComplete(`3${prng.pick(['4', '7'])}${prng.chars('0123456789', 12)}`);
    return `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`;
  }
  const prefix = brand === 'visa' ? '4' : `5${prng.int(1, 5)}`;
  const digits = luhnComplete(`${prefix}${prng.chars('0123456789', 15 - prefix.length)}`);
  const sep = prng.pick([' ', '-', '']);
  return [0, 4, 8, 12].map((at) => digits.slice(at, at + 4)).join(sep);
}

const IBAN_FORMATS: Record<string, { bban: number; alpha?: number }> = {
  DE: { bban: 18 },
  FR: { bban: 23 },
  NL: { bban: 14, alpha: 4 },
  GB: { bban: 18, alpha: 4 },
  ES: { bban: 20 },
};

function mod97(numeric: string): number {
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return remainder;
}

const toDigits = (text: string): string =>
  [...text].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');

/** An IBAN of a real country format whose check digits satisfy ISO 13616 mod-97. */
export function iban(prng: Prng): string {
  const country = prng.pick(Object.keys(IBAN_FORMATS));
  const format = IBAN_FORMATS[country] ?? { bban: 18 };
  const alpha = format.alpha ?? 0;
  const bban =
    prng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', alpha) + prng.chars('0123456789', format.bban - alpha);
  const check = 98 - mod97(toDigits(`${bban}${country}00`));
  const value = `${country}${String(check).padStart(2, '0')}${bban}`;
  return prng.next() < 0.5 ? value : (value.match(/.{1,4}/g) ?? [value]).join(' ');
}

/** A US SSN that follows the SSA rules: area not 000, 666 or 900–999; group and serial non-zero. */
export function ssn(prng: Prng): string {
  let area = prng.int(1, 899);
  if (area === 666) area = 667;
  const group = prng.int(1, 99);
  const serial = prng.int(1, 9999);
  return `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
}

const AREA_CODES = ['212', '415', '312', '617', '206', '303', '512', '646', '720', '919'];

/** A US number in a valid area code and exchange (exchange 2–9xx, never 555). */
export function phone(prng: Prng): string {
  const area = prng.pick(AREA_CODES);
  let exchange = prng.int(201, 989);
  if (exchange === 555) exchange = 556;
  const line = prng.chars('0123456789', 4);
  return prng.pick([
    `(${area}) ${exchange}-${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `${area}-${exchange}-${line}`,
  ]);
}

/** A public-looking IPv4 address (no 0, 10, 127, 169.254, 192.168 or multicast first octets). */
export function ipv4(prng: Prng): string {
  let first = prng.int(11, 223);
  if (first === 127 || first === 169 || first === 172 || first === 192) first += 1;
  return `${first}.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
}
