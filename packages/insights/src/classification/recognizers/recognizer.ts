import type { ContentMatchType } from '../types';

/** A candidate found by a recognizer, after its validator, before context words. */
export interface Candidate {
  start: number;
  end: number;
  /** Confidence from the shape and validators alone, 0..1. */
  score: number;
}

/**
 * A PII recognizer: a fast candidate pattern plus a validator (checksum, ranges, tables), and the
 * context words that, found near a candidate, make it more likely to be what it looks like.
 */
export interface Recognizer {
  id: string;
  type: ContentMatchType;
  contextWords: readonly string[];
  /**
   * `inContext` tells whether a span has one of the context words near it; a recognizer may use it
   * to skip expensive validation of candidates too weak to be reported without context.
   */
  find(text: string, inContext: (start: number, end: number) => boolean): Candidate[];
}
