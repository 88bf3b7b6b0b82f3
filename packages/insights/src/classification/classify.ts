import { contextMatcher, CONTEXT_BOOST } from './context';
import { fieldNames, type FieldNames } from './field-names';
import { LineIndex } from './line-index';
import { maskValue } from './mask';
import { creditCardRecognizer } from './recognizers/credit-card';
import { emailRecognizer } from './recognizers/email';
import { ibanRecognizer } from './recognizers/iban';
import { ipAddressRecognizer } from './recognizers/ip-address';
import { phoneRecognizer } from './recognizers/phone';
import type { Recognizer } from './recognizers/recognizer';
import { usSsnRecognizer } from './recognizers/us-ssn';
import { bundledRuleSet } from './secrets/bundled-rules';
import { SecretScanner } from './secrets/secret-scanner';
import {
  CONTENT_TYPES,
  DEFAULT_MIN_CONFIDENCE,
  type ClassifyOptions,
  type ContentMatch,
  type ContentMatchType,
  type RawMatch,
} from './types';

/**
 * Order breaks ties between overlapping PII matches of equal confidence: the type with the
 * stronger validator wins (a Luhn-valid 16-digit run is a card before it is a phone number).
 */
const RECOGNIZERS: readonly Recognizer[] = [
  creditCardRecognizer,
  ibanRecognizer,
  usSsnRecognizer,
  emailRecognizer,
  ipAddressRecognizer,
  phoneRecognizer,
];

const CONTEXT = new Map(RECOGNIZERS.map((r) => [r.id, contextMatcher(r.contextWords)]));

let scanner: SecretScanner | undefined;

function secretScanner(): SecretScanner {
  scanner ??= new SecretScanner(bundledRuleSet());
  return scanner;
}

/**
 * Finds PII and secrets in `text`. Matches are sorted by offset; overlapping PII matches are
 * resolved to the most confident one, overlapping secrets to the most specific rule. The result
 * never holds a matched value, only its masked form.
 */
export function classifyText(text: string, options: ClassifyOptions = {}): ContentMatch[] {
  const types = new Set<ContentMatchType>(options.types ?? CONTENT_TYPES);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const pii: RawMatch[] = [];
  let names: FieldNames | undefined;
  RECOGNIZERS.forEach((recognizer, order) => {
    if (!types.has(recognizer.type)) return;
    const context = CONTEXT.get(recognizer.id)!;
    const inContext = (start: number, end: number): boolean => {
      if (context.near(text, start, end)) return true;
      names ??= fieldNames(text);
      const name = names.nameAt(start);
      return name !== null && context.names(name);
    };
    for (const c of recognizer.find(text, inContext)) {
      const boost = inContext(c.start, c.end) ? CONTEXT_BOOST : 0;
      pii.push({
        type: recognizer.type,
        ruleId: recognizer.id,
        start: c.start,
        end: c.end,
        confidence: Math.min(1, c.score + boost),
        rank: order,
      });
    }
  });
  const secrets = types.has('SECRET') ? secretScanner().scan(text, options.path) : [];
  const kept = [...resolveOverlaps(pii), ...resolveOverlaps(secrets)]
    .filter((m) => m.confidence >= minConfidence)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  if (kept.length === 0) return [];
  const lines = new LineIndex(text);
  return kept.map((m) => ({
    type: m.type,
    ruleId: m.ruleId,
    start: m.start,
    end: m.end,
    line: lines.lineOf(m.start),
    masked: maskValue(m.type, text.slice(m.start, m.end)),
    confidence: Math.round(m.confidence * 1000) / 1000,
  }));
}

/**
 * Among matches that overlap, greedy by confidence, then rank, then length: a match is kept unless
 * it overlaps one already kept. Work is quadratic only within a cluster of overlapping matches.
 */
function resolveOverlaps(matches: RawMatch[]): RawMatch[] {
  const byStart = [...matches].sort((a, b) => a.start - b.start);
  const kept: RawMatch[] = [];
  const cluster: RawMatch[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) {
      kept.push(cluster[0]!);
      cluster.length = 0;
      return;
    }
    const ranked = cluster.sort(
      (a, b) =>
        b.confidence - a.confidence || a.rank - b.rank || b.end - b.start - (a.end - a.start),
    );
    const chosen: RawMatch[] = [];
    for (const m of ranked)
      if (!chosen.some((k) => k.start < m.end && m.start < k.end)) chosen.push(m);
    kept.push(...chosen);
    cluster.length = 0;
  };
  for (const m of byStart) {
    if (m.start >= clusterEnd && cluster.length > 0) flush();
    cluster.push(m);
    clusterEnd = Math.max(clusterEnd, m.end);
  }
  if (cluster.length > 0) flush();
  return kept;
}
