import type { RawMatch } from '../types';
import type { CompiledAllowlist, CompiledRule, CompiledRuleSet } from './compile-rules';
import { shannonEntropy } from './entropy';
import { KeywordIndex } from './keyword-index';

/**
 * Confidence of a secret finding. Rules anchored on a vendor prefix (`AKIA`, `ghp_`, `xoxb-`)
 * rarely misfire; generic assignment rules (`password = …`) do, so they score just above the
 * default threshold and can be filtered out by raising it.
 */
const SPECIFIC_RULE_CONFIDENCE = 0.95;
const GENERIC_RULE_CONFIDENCE = 0.6;

/** Gitleaks' own extra gate for generic rules: a secret without a digit is usually a word. */
const isGeneric = (rule: CompiledRule): boolean => rule.id.startsWith('generic');

export class SecretScanner {
  private readonly keywords: KeywordIndex;

  /** Rules whose pattern can cross a line break get windows that span lines. */
  private readonly multiLine: boolean[];
  /** Characters a rule sees after its keyword. */
  private readonly after: number[];
  /** Sticky copies of the rules with a {@link CompiledRule.reachBefore}. */
  private readonly sticky: (RegExp | undefined)[];

  constructor(private readonly ruleSet: CompiledRuleSet) {
    this.keywords = new KeywordIndex(ruleSet.rules.map((r) => r.keywords));
    this.multiLine = ruleSet.rules.map((r) => crossesLines(r.regex.source));
    this.sticky = ruleSet.rules.map((r) =>
      r.reachBefore === null ? undefined : new RegExp(r.regex.source, `${r.regex.flags}y`),
    );
    this.after = ruleSet.rules.map((r, i) =>
      !this.multiLine[i]
        ? WINDOW_AFTER
        : UNBOUNDED_DOT.test(r.regex.source)
          ? WINDOW_AFTER
          : MULTI_LINE_AFTER,
    );
  }

  get ruleCount(): number {
    return this.ruleSet.rules.length;
  }

  /** Ids of the rules the keyword prefilter lets run on `text` (for tests and diagnostics). */
  candidateRules(text: string, path?: string): string[] {
    const present = new Set<number>();
    this.keywords.forEachHit(text, (i) => present.add(i));
    return this.ruleSet.rules
      .filter((r, i) => present.has(i) && appliesTo(r, path))
      .map((r) => r.id);
  }

  scan(text: string, path?: string): RawMatch[] {
    const rules = this.ruleSet.rules;
    const windows: (Window[] | undefined)[] = new Array<Window[] | undefined>(rules.length);
    // The line of the latest hit: hits come in order, most on a line already located.
    let lineStart = 0;
    let lineEnd = -1;
    this.keywords.forEachHit(text, (i, end) => {
      const list = (windows[i] ??= []);
      const last = list[list.length - 1];
      if (last !== undefined && end <= last.end) {
        last.hits.push(end);
        return;
      }
      const rule = rules[i]!;
      const notBefore = Math.max(last?.end ?? 0, end - (rule.reachBefore ?? WINDOW_BEFORE));
      if (end > lineEnd) {
        lineStart = text.lastIndexOf('\n', end - 1) + 1;
        const newline = text.indexOf('\n', end);
        lineEnd = newline === -1 ? text.length : newline;
      }
      const multiLine = this.multiLine[i] === true;
      list.push({
        start: Math.max(lineStart, end - WINDOW_BEFORE, notBefore),
        end: Math.min(multiLine ? text.length : lineEnd, end + this.after[i]!),
        hits: [end],
      });
    });
    const found: RawMatch[] = [];
    rules.forEach((rule, i) => {
      const list = windows[i];
      if (list === undefined || !appliesTo(rule, path)) return;
      for (const w of list) {
        const window = text.slice(w.start, w.end);
        if (rule.precheck !== null && !rule.precheck.test(window)) continue;
        const sticky = this.sticky[i];
        if (sticky === undefined) this.runRule(rule, window, w.start, path, found);
        else if (rule.startsInKeywordRun) this.runRuleInRuns(rule, sticky, window, w, path, found);
        else {
          const limit = w.hits[w.hits.length - 1]! - w.start;
          this.runRuleBefore(rule, sticky, window, limit, w.start, path, found);
        }
      }
    });
    return found;
  }

  /** Runs one rule over `text`, a slice of the scanned text starting at `offset`. */
  private runRule(
    rule: CompiledRule,
    text: string,
    offset: number,
    path: string | undefined,
    out: RawMatch[],
  ): void {
    const regex = rule.regex;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      this.accept(rule, m, text, offset, path, out);
    }
  }

  /**
   * Like {@link runRule}, for a rule whose match holds a keyword at or after its start: tries the
   * same positions in the same order, but none past `limit` (the end of the window's last
   * keyword), where no match can start. After a long line's last keyword nothing is tried.
   */
  private runRuleBefore(
    rule: CompiledRule,
    sticky: RegExp,
    text: string,
    limit: number,
    offset: number,
    path: string | undefined,
    out: RawMatch[],
  ): void {
    for (let p = 0; p < limit;) {
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (m === null || m[0].length === 0) {
        p++;
        continue;
      }
      this.accept(rule, m, text, offset, path, out);
      p = m.index + m[0].length;
    }
  }

  /**
   * Like {@link runRuleBefore}, for a rule whose match {@link CompiledRule.startsInKeywordRun}:
   * the same positions in the same order, less those from which no `[\w.-]` run of at most
   * `reachBefore` characters reaches the end of the next keyword occurrence (no match starts
   * there, since the nearest keyword is the one such a run reaches most easily).
   */
  private runRuleInRuns(
    rule: CompiledRule,
    sticky: RegExp,
    text: string,
    w: Window,
    path: string | undefined,
    out: RawMatch[],
  ): void {
    const reach = rule.reachBefore!;
    let p = 0;
    for (const hit of w.hits) {
      const end = hit - w.start;
      let from = end - 1;
      while (from > 0 && end - from < reach && isRunChar(text.charCodeAt(from - 1))) from--;
      if (p < from) p = from;
      while (p < end) {
        sticky.lastIndex = p;
        const m = sticky.exec(text);
        if (m === null || m[0].length === 0) {
          p++;
          continue;
        }
        this.accept(rule, m, text, w.start, path, out);
        p = m.index + m[0].length;
      }
    }
  }

  private accept(
    rule: CompiledRule,
    m: RegExpExecArray,
    text: string,
    offset: number,
    path: string | undefined,
    out: RawMatch[],
  ): void {
    {
      const span = secretSpan(rule, m);
      if (span === null) return;
      const secret = text.slice(span.start, span.end);
      if (rule.entropy !== null) {
        if (shannonEntropy(secret) <= rule.entropy) return;
        if (isGeneric(rule) && !/\d/.test(secret)) return;
      }
      const context = {
        secret,
        match: m[0],
        line: lineAround(text, m.index, m.index + m[0].length),
        path,
      };
      if (this.ruleSet.global && allows(this.ruleSet.global, context)) return;
      if (rule.allowlists.some((list) => allows(list, context))) return;
      out.push({
        type: 'SECRET',
        ruleId: rule.id,
        start: offset + span.start,
        end: offset + span.end,
        confidence: isGeneric(rule) ? GENERIC_RULE_CONFIDENCE : SPECIFIC_RULE_CONFIDENCE,
        rank: 0,
      });
    }
  }
}

/**
 * A rule sees the line around each keyword occurrence, at most {@link WINDOW_BEFORE} characters
 * before it and {@link WINDOW_AFTER} after: a secret sits on the line of its keyword, and bounded
 * windows keep a long line full of keywords from making a backtracking pattern quadratic.
 */
const WINDOW_BEFORE = 512;
const WINDOW_AFTER = 1024;

interface Window {
  start: number;
  end: number;
  /** Ends of the keyword occurrences inside the window, ascending. */
  hits: number[];
}

/**
 * Rules that span lines see this much after their keyword: a PEM private key of 4096 bits fits.
 * A multi-line rule with an unbounded `.*` (curl) backtracks quadratically within its window, so
 * it gets the ordinary {@link WINDOW_AFTER}.
 */
const MULTI_LINE_AFTER = 4096;
const UNBOUNDED_DOT = /\[\^\\n\][*+]/;

/** `[\w.-]` as a pattern without the `u` flag reads it (ASCII only). */
function isRunChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 46 ||
    code === 45
  );
}

function crossesLines(source: string): boolean {
  const withoutDot = source.replaceAll('[^\\n]', '');
  return /\\s\\S|(?<!\\)\\[nr]/.test(withoutDot);
}

function appliesTo(rule: CompiledRule, path: string | undefined): boolean {
  if (rule.path === null) return true;
  return path !== undefined && rule.path.test(path);
}

/** Gitleaks' choice: `secretGroup` if set, else the first non-empty group, else the match. */
function secretSpan(rule: CompiledRule, m: RegExpExecArray): { start: number; end: number } | null {
  const indices = m.indices;
  if (indices === undefined) return { start: m.index, end: m.index + m[0].length };
  if (rule.secretGroup !== null) {
    const group = indices[rule.secretGroup];
    return group ? { start: group[0], end: group[1] } : null;
  }
  for (let g = 1; g < indices.length; g++) {
    const group = indices[g];
    if (group && group[1] > group[0]) return { start: group[0], end: group[1] };
  }
  return { start: m.index, end: m.index + m[0].length };
}

function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to === -1 ? text.length : to);
}

interface AllowContext {
  secret: string;
  match: string;
  line: string;
  path: string | undefined;
}

/** An allowlist with OR allows if any criterion holds; with AND, every criterion it has holds. */
function allows(list: CompiledAllowlist, ctx: AllowContext): boolean {
  const target =
    list.target === 'match' ? ctx.match : list.target === 'line' ? ctx.line : ctx.secret;
  const checks: (() => boolean)[] = [];
  if (list.regexes.length > 0) checks.push(() => list.regexes.some((r) => r.test(target)));
  if (list.stopwords.length > 0) {
    const lower = ctx.secret.toLowerCase();
    checks.push(() => list.stopwords.some((w) => lower.includes(w)));
  }
  if (list.paths.length > 0) {
    const path = ctx.path;
    checks.push(() => path !== undefined && list.paths.some((r) => r.test(path)));
  }
  if (checks.length === 0) return false;
  return list.condition === 'AND' ? checks.every((c) => c()) : checks.some((c) => c());
}
