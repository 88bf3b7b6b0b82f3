import { classifyText } from './classify';
import type { ContentMatchType } from './types';

/** A labelled sentence, in the shape of presidio-research's synthetic data set. */
export interface LabelledSample {
  full_text: string;
  spans: { entity_type: string; start_position: number; end_position: number }[];
}

/** Presidio entity names of the types classification reports. */
export const PRESIDIO_ENTITY: Readonly<Partial<Record<ContentMatchType, string>>> = {
  EMAIL: 'EMAIL_ADDRESS',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN: 'IBAN_CODE',
  US_SSN: 'US_SSN',
  PHONE_NUMBER: 'PHONE_NUMBER',
  IP_ADDRESS: 'IP_ADDRESS',
};

export interface TypeScore {
  truePositives: number;
  predicted: number;
  labelled: number;
  found: number;
  precision: number;
  recall: number;
}

export const SPAN_OVERLAP_METHOD =
  'span overlap: a predicted span is correct if it overlaps a labelled span of the same type; ' +
  'a labelled span is found if some predicted span of its type overlaps it';

/** Precision and recall per type and overall, by {@link SPAN_OVERLAP_METHOD}. */
export function evaluateSpans(
  samples: readonly LabelledSample[],
  options: { minConfidence?: number } = {},
): { perType: Record<string, TypeScore>; overall: TypeScore } {
  const types = Object.keys(PRESIDIO_ENTITY) as ContentMatchType[];
  const tally = new Map(
    types.map((t) => [t, { truePositives: 0, predicted: 0, labelled: 0, found: 0 }]),
  );
  for (const sample of samples) {
    const predicted = classifyText(sample.full_text, { types, ...options });
    for (const type of types) {
      const t = tally.get(type)!;
      const gold = sample.spans.filter((s) => s.entity_type === PRESIDIO_ENTITY[type]);
      const mine = predicted.filter((p) => p.type === type);
      const overlaps = (p: { start: number; end: number }, g: (typeof gold)[number]): boolean =>
        p.start < g.end_position && g.start_position < p.end;
      t.predicted += mine.length;
      t.truePositives += mine.filter((p) => gold.some((g) => overlaps(p, g))).length;
      t.labelled += gold.length;
      t.found += gold.filter((g) => mine.some((p) => overlaps(p, g))).length;
    }
  }
  const score = (t: Omit<TypeScore, 'precision' | 'recall'>): TypeScore => ({
    ...t,
    precision: t.predicted === 0 ? 1 : t.truePositives / t.predicted,
    recall: t.labelled === 0 ? 1 : t.found / t.labelled,
  });
  const perType: Record<string, TypeScore> = {};
  const sum = { truePositives: 0, predicted: 0, labelled: 0, found: 0 };
  for (const [type, t] of tally) {
    perType[type] = score(t);
    sum.truePositives += t.truePositives;
    sum.predicted += t.predicted;
    sum.labelled += t.labelled;
    sum.found += t.found;
  }
  return { perType, overall: score(sum) };
}
