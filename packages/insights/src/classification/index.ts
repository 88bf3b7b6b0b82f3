export { classifyText } from './classify';
export { decodeSample, DEFAULT_SAMPLE_BYTES } from './decode-sample';
export {
  evaluateSpans,
  PRESIDIO_ENTITY,
  SPAN_OVERLAP_METHOD,
  type LabelledSample,
  type TypeScore,
} from './evaluate';
export {
  evaluatePlanted,
  PLANTED_METHOD,
  type PlantedScore,
  type PlantedText,
} from './evaluate-planted';
export { secretRuleStats } from './secrets/bundled-rules';
export { summarizeMatches, MAX_SAMPLES, type ContentSummary } from './summarize';
export {
  CONTENT_TYPES,
  DEFAULT_MIN_CONFIDENCE,
  type ClassifyOptions,
  type ContentMatch,
  type ContentMatchType,
} from './types';
