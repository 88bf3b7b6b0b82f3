import { describe, expect, it } from 'vitest';
import { classifyText } from './classify';
import { fieldNames } from './field-names';

const found = (text: string, type: string): string[] =>
  classifyText(text)
    .filter((m) => m.type === type)
    .map((m) => text.slice(m.start, m.end));

/** Filler rows push the values far from the header, beyond any context-word window. */
const filler = (n: number, cells: number, sep = ','): string[] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: cells }, () => `row${i}`).join(sep));

describe('field names as context', () => {
  it('names CSV and TSV columns by a sniffed header, honouring quotes', () => {
    const csv = 'id,"card number",Signup IP\n1,"a,b",x\n';
    const names = fieldNames(csv);
    expect(names.nameAt(csv.indexOf('"a,b"'))).toBe('card number');
    expect(names.nameAt(csv.indexOf('x'))).toBe('signup ip');
    expect(names.nameAt(1)).toBeNull();
    const tsv = 'customerId\tssnValue\n7\t8\n';
    expect(fieldNames(tsv).nameAt(tsv.lastIndexOf('8'))).toBe('customer id ssn value'.slice(12));
  });

  it('names values by their key in JSON, YAML and env files', () => {
    for (const [text, value] of [
      ['{\n  "cardNumber": "v"\n}', 'v'],
      ['person:\n  ssn: v\n', 'v'],
      ['SOCIAL_SECURITY=v\n', 'v'],
    ] as const) {
      const name = fieldNames(text).nameAt(text.lastIndexOf(value));
      expect(name).toMatch(/^(card number|ssn|social security)$/);
    }
    expect(fieldNames('just prose v').nameAt(11)).toBeNull();
  });

  it('finds weak candidates far below a CSV header that names their column', () => {
    // Nine bare digits and a 13-digit card are too weak to report without context.
    const rows = ['id,ssn,card_number,note', ...filler(30, 4), '7,219451234,4222222222222,x'];
    const csv = rows.join('\n');
    expect(found(csv, 'US_SSN')).toEqual(['219451234']);
    expect(found(csv, 'CREDIT_CARD')).toEqual(['4222222222222']);
    // The same values under unrelated columns stay unreported.
    const other = csv.replace('id,ssn,card_number,note', 'id,order,amount,note');
    expect(found(other, 'US_SSN')).toEqual([]);
    expect(found(other, 'CREDIT_CARD')).toEqual([]);
  });

  it('finds weak candidates by their JSON key', () => {
    // camelCase keys defeat the word window (`customerSsn` has no word break); the key does not.
    const json = JSON.stringify({ order: '219451235', customerSsn: '219451234' }, null, 2);
    expect(found(json, 'US_SSN')).toEqual(['219451234']);
  });

  it('a printed card grouping is strong evidence without any context', () => {
    const [match] = classifyText('ref 4111-1111-1111-1111 ok', { types: ['CREDIT_CARD'] });
    expect(match?.confidence).toBeGreaterThanOrEqual(0.8);
    const csv = `a,b\n"x",4111 1111 1111 1111,1.2.3.4\n`;
    expect(found(csv, 'CREDIT_CARD')).toEqual(['4111 1111 1111 1111']);
  });

  it('an assignment is no version constraint: key=1.2.3.4 is an address', () => {
    expect(found('login ok client=34.80.218.37', 'IP_ADDRESS')).toEqual(['34.80.218.37']);
    expect(found('requires pkg>=1.2.3.4', 'IP_ADDRESS')).toEqual([]);
  });
});
