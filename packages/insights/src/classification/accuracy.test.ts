import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateSpans, type LabelledSample } from './evaluate';

/** 200 sentences of presidio-research's synthetic set (MIT); see fixtures/README.md. */
const samples = JSON.parse(
  readFileSync(new URL('./fixtures/synth-subset.json', import.meta.url), 'utf8'),
) as LabelledSample[];

describe('accuracy on a fixed subset of the synthetic PII set', () => {
  it('meets the targets on email, card, IBAN, SSN and IP', () => {
    const { perType } = evaluateSpans(samples);
    for (const type of ['EMAIL', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS']) {
      const s = perType[type]!;
      expect(s.labelled, type).toBeGreaterThan(0);
      expect(s.precision, type).toBeGreaterThanOrEqual(0.95);
      expect(s.recall, type).toBeGreaterThanOrEqual(0.9);
    }
  });
});
