/** What classification reports. The set is closed: consumers switch over it exhaustively. */
export const CONTENT_TYPES = [
  'EMAIL',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'PHONE_NUMBER',
  'IP_ADDRESS',
  'SECRET',
] as const;

export type ContentMatchType = (typeof CONTENT_TYPES)[number];

/**
 * One finding in a text. It never carries the matched value itself, only `masked`, which keeps
 * at most a few edge characters, so a match can be logged, stored and shown safely.
 */
export interface ContentMatch {
  type: ContentMatchType;
  /** The gitleaks rule id for SECRET, the recognizer id otherwise. */
  ruleId: string | null;
  /** UTF-16 offsets in the classified text, `end` exclusive. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  masked: string;
  /** 0..1: how sure the recognizer is, after validators and context words. */
  confidence: number;
}

export interface ClassifyOptions {
  /** Only these types are looked for (all when absent). */
  types?: readonly ContentMatchType[];
  /** Matches below this confidence are dropped; default {@link DEFAULT_MIN_CONFIDENCE}. */
  minConfidence?: number;
  /** The object key or file path, when known: enables gitleaks rules scoped to file names. */
  path?: string;
}

/** Tuned on the synthetic PII set (`npm run bench -- pii`): the best F1 over all types. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** A match before masking and line numbering: what recognizers and the secret engine produce. */
export interface RawMatch {
  type: ContentMatchType;
  ruleId: string;
  start: number;
  end: number;
  confidence: number;
  /** Breaks ties between overlapping matches of equal confidence: lower wins. */
  rank: number;
}
