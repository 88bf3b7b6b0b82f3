import { describe, expect, it } from 'vitest';
import { classifyText } from './classify';
import { cardBrandMatches } from './recognizers/credit-card';
import { ibanValid } from './recognizers/iban';
import { luhnValid } from './recognizers/luhn';
import { ssnValid } from './recognizers/us-ssn';

const types = (text: string): string[] => classifyText(text).map((m) => m.type);

describe('validators', () => {
  it('Luhn accepts valid numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('card issuer ranges and lengths', () => {
    expect(cardBrandMatches('4111111111111111')).toBe(true); // Visa 16
    expect(cardBrandMatches('378282246310005')).toBe(true); // Amex 15
    expect(cardBrandMatches('2221000000000009')).toBe(true); // Mastercard 2-series
    expect(cardBrandMatches('37828224631000')).toBe(false); // Amex must be 15
    expect(cardBrandMatches('9111111111111111')).toBe(false); // no network
  });

  it('IBAN: country length and mod-97', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false); // one short for DE
  });

  it('SSN: area, group, serial and published numbers', () => {
    expect(ssnValid('536221234')).toBe(true);
    for (const bad of [
      '000221234',
      '666221234',
      '912221234',
      '536001234',
      '536220000',
      '078051120',
      '219099999',
    ]) {
      expect(ssnValid(bad), bad).toBe(false);
    }
  });
});

describe('classifyText', () => {
  it('finds each type with context and masks it', () => {
    const text = [
      'contact jane.doe@example.com',
      'card 4111 1111 1111 1111',
      'iban GB82 WEST 1234 5698 7654 32',
      'ssn 536-22-1234',
      'phone (415) 555-2671',
      'client ip 192.168.10.21',
    ].join('\n');
    const found = classifyText(text);
    expect(found.map((m) => [m.type, m.line])).toEqual([
      ['EMAIL', 1],
      ['CREDIT_CARD', 2],
      ['IBAN', 3],
      ['US_SSN', 4],
      ['PHONE_NUMBER', 5],
      ['IP_ADDRESS', 6],
    ]);
    expect(found.map((m) => m.masked)).toEqual([
      'j***@e***.com',
      '**** **** **** 1111',
      'GB** **** **** **** ***4 32',
      '***-**-1234',
      '(***) ***-**71',
      '192.***.**.**',
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).not.toBe(m.masked);
  });

  it('rejects look-alikes: bad checksums, versions, dates, unknown TLDs', () => {
    expect(types('card 4111 1111 1111 1112')).toEqual([]);
    expect(types('upgraded to version 10.2.3.4 today')).toEqual([]);
    expect(types('octet 300.1.1.1')).toEqual([]);
    expect(types('mail me at someone@host.zz')).toEqual([]);
    expect(types('ssn 666-12-3456')).toEqual([]);
    expect(types('at 2015-12-22 04:34:22 the job ran')).toEqual([]);
  });

  it('context words raise confidence', () => {
    const bare = classifyText('ref 536-22-1234', { minConfidence: 0 })[0]!;
    const withContext = classifyText('SSN: 536-22-1234', { minConfidence: 0 })[0]!;
    expect(withContext.confidence).toBeGreaterThan(bare.confidence);
  });

  it('finds IPv6 addresses but not times', () => {
    expect(types('from 2001:db8::8a2e:370:7334 ok')).toEqual(['IP_ADDRESS']);
    expect(types('at 12:30:45 ok')).toEqual([]);
  });

  it('honours the types option', () => {
    expect(types('x jane@example.com 192.168.1.1').sort()).toEqual(['EMAIL', 'IP_ADDRESS']);
    expect(
      classifyText('x jane@example.com 192.168.1.1', { types: ['EMAIL'] }).map((m) => m.type),
    ).toEqual(['EMAIL']);
  });
});
