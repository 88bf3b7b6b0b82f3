import { translateGoRegex, UnsupportedPattern } from './go-regex';
import type { GitleaksAllowlist, GitleaksConfig, GitleaksRule } from './rule-schema';
import { startsInKeywordRun } from './keyword-run';
import { reachBeforeKeyword, RULE_PRECHECKS } from './window-bounds';

/** An allowlist the engine can evaluate on content alone (no commits; paths only when known). */
export interface CompiledAllowlist {
  condition: 'OR' | 'AND';
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  /** Lower-cased; a secret containing one is allowed. */
  stopwords: string[];
  paths: RegExp[];
}

export interface CompiledRule {
  id: string;
  description: string;
  regex: RegExp;
  /** Capture group holding the secret; `null` means the first non-empty group, else the match. */
  secretGroup: number | null;
  entropy: number | null;
  keywords: string[];
  /** Rules that only apply to some files; they run when the caller gives a matching path. */
  path: RegExp | null;
  allowlists: CompiledAllowlist[];
  /** How far before a keyword's end a match can start; null: anywhere on the line. */
  reachBefore: number | null;
  /** A match runs in `[\w.-]` from its start to a keyword's end (see `keyword-run.ts`). */
  startsInKeywordRun: boolean;
  /** A window without this cannot hold a match. */
  precheck: RegExp | null;
}

export interface SkippedRule {
  id: string;
  reason: string;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  skipped: SkippedRule[];
  global: CompiledAllowlist | null;
}

function compile(pattern: string, extraFlags = ''): RegExp {
  const { source, flags } = translateGoRegex(pattern);
  return new RegExp(source, flags + extraFlags);
}

function compileAllowlist(list: GitleaksAllowlist): CompiledAllowlist | null {
  if (list.commits?.length) return null; // no commits here: a commit-scoped list never applies
  return {
    condition: list.condition ?? 'OR',
    target: list.regexTarget ?? 'secret',
    regexes: (list.regexes ?? []).map((r) => compile(r)),
    stopwords: (list.stopwords ?? []).map((s) => s.toLowerCase()),
    paths: (list.paths ?? []).map((p) => compile(p)),
  };
}

function compileRule(rule: GitleaksRule): CompiledRule {
  if (rule.regex === undefined)
    throw new UnsupportedPattern('path-only rule (file names, not content)');
  if (!rule.keywords?.length) throw new UnsupportedPattern('no keywords for the prefilter');
  const allowlists: CompiledAllowlist[] = [];
  for (const list of rule.allowlists ?? []) {
    const compiled = compileAllowlist(list);
    if (compiled) allowlists.push(compiled);
  }
  return {
    id: rule.id,
    description: rule.description ?? '',
    regex: compile(rule.regex, 'gd'),
    secretGroup: rule.secretGroup ?? null,
    entropy: rule.entropy ?? null,
    keywords: rule.keywords,
    path: rule.path === undefined ? null : compile(rule.path),
    allowlists,
    reachBefore: reachBeforeKeyword(rule.regex),
    startsInKeywordRun: startsInKeywordRun(rule.regex, rule.keywords),
    precheck: RULE_PRECHECKS[rule.id] ?? null,
  };
}

/**
 * Compiles every rule it can. A rule whose pattern (or one of its allowlists) cannot be
 * translated faithfully is skipped with its reason, never run with a changed meaning.
 */
export function compileRuleSet(config: GitleaksConfig): CompiledRuleSet {
  const rules: CompiledRule[] = [];
  const skipped: SkippedRule[] = [];
  for (const rule of config.rules) {
    try {
      rules.push(compileRule(rule));
    } catch (error) {
      if (!(error instanceof UnsupportedPattern) && !(error instanceof SyntaxError)) throw error;
      skipped.push({ id: rule.id, reason: error.message });
    }
  }
  let global: CompiledAllowlist | null = null;
  if (config.allowlist) {
    try {
      global = compileAllowlist(config.allowlist);
    } catch (error) {
      if (!(error instanceof UnsupportedPattern) && !(error instanceof SyntaxError)) throw error;
      global = null;
    }
  }
  return { rules, skipped, global };
}
