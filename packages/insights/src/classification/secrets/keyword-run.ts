/**
 * Where a semi-generic rule's match can start, beyond {@link reachBeforeKeyword}: its pattern is
 * `[\w.-]{0,N}?(?:name|…)…`, so when every spelling of the name group is made of `[\w.-]` and
 * holds one of the rule's keywords, the text from a match's start to the end of that keyword is
 * one unbroken run of `[\w.-]`. A start is then possible only inside the run that ends at a
 * keyword occurrence the prefilter reported: in `path=/api/v1` only `api` itself, not the fifty
 * characters before it.
 */
import { reachBeforeKeyword } from './window-bounds';

/** At most this many spellings are enumerated; a larger group is not analysed. */
const MAX_SPELLINGS = 256;
const WORD_RUN_CHAR = /^[\w.-]$/;

/** True when a match of `goPattern` runs in `[\w.-]` from its start to a keyword's end. */
export function startsInKeywordRun(goPattern: string, keywords: readonly string[]): boolean {
  if (reachBeforeKeyword(goPattern) === null || hasTopLevelAlternation(goPattern)) return false;
  const open = goPattern.indexOf('(?:');
  const close = closingParen(goPattern, open + 3);
  if (close === -1) return false;
  const spellings = new Parser(goPattern.slice(open + 3, close)).alternatives();
  if (spellings === null || spellings.length === 0) return false;
  const lower = keywords.map((k) => k.toLowerCase());
  return spellings.every(
    (s) => [...s].every((c) => WORD_RUN_CHAR.test(c)) && lower.some((k) => s.includes(k)),
  );
}

/** Index of the `)` closing a group whose body starts at `from`, or -1. */
function closingParen(pattern: string, from: number): number {
  let depth = 1;
  for (let i = from; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `]` closing the class opened at `open` (a `]` right after `[` or `[^` is literal). */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
  return i;
}

/** A `|` outside any group: another branch could start a match anywhere. */
function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * Lower-cased spellings of a group body made of literals, escaped punctuation, small classes,
 * groups and `?`; null for anything else (a dot, a range, another quantifier), which is then
 * not analysed. Lower-casing is exact here because the prefilter folds case.
 */
class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  alternatives(): string[] | null {
    const out: string[] = [];
    for (;;) {
      const seq = this.sequence();
      if (seq === null) return null;
      out.push(...seq);
      if (out.length > MAX_SPELLINGS) return null;
      if (this.src[this.pos] !== '|') return out;
      this.pos++;
    }
  }

  private sequence(): string[] | null {
    let acc = [''];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      let atom = this.atom();
      if (atom === null) return null;
      if (this.src[this.pos] === '?') {
        this.pos++;
        atom = ['', ...atom];
      }
      acc = acc.flatMap((head) => atom.map((tail) => head + tail));
      if (acc.length > MAX_SPELLINGS) return null;
    }
    return acc;
  }

  private atom(): string[] | null {
    const c = this.src[this.pos]!;
    const rest = this.src.slice(this.pos);
    if (c === '(') {
      const head = /^\((?:\?-?i:|\?:)?/.exec(rest)![0];
      this.pos += head.length;
      const inner = this.alternatives();
      if (inner === null || this.src[this.pos] !== ')') return null;
      this.pos++;
      return inner;
    }
    if (c === '[') {
      const body = /^\[([^\]\\^]+)\]/.exec(rest)?.[1];
      if (body === undefined || /.-./.test(body)) return null;
      this.pos += body.length + 2;
      return [...new Set(body.toLowerCase())];
    }
    if (c === '\\') {
      const next = this.src[this.pos + 1];
      if (next !== '.' && next !== '-' && next !== '_') return null;
      this.pos += 2;
      return [next];
    }
    if (!/[A-Za-z0-9_-]/.test(c)) return null;
    this.pos++;
    return [c.toLowerCase()];
  }
}
