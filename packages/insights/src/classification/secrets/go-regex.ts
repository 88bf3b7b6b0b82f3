/**
 * Translation of Go RE2 patterns (as written in gitleaks rules) to JavaScript `RegExp` source.
 *
 * Node 20's RegExp has no inline modifier groups, so RE2's `(?i)` in the middle of a pattern,
 * `(?i:…)` and `(?-i:…)` are rewritten: a case-insensitive region spells every ASCII letter as
 * both cases (`a` → `[aA]`, `[a-f]` → `[a-fA-F]`). A pattern that is case-insensitive from its
 * first character with no way back uses the `i` flag instead, which keeps it fast. `(?s:.)` and
 * a dot under `(?s)` become `[\s\S]`; RE2's `.` excludes only `\n`, so it becomes `[^\n]`.
 * `\z` and `\A` become `$` and `^` (no `m` flag is ever set, so they keep RE2's meaning).
 *
 * Anything this translator does not understand (Unicode classes, `\Q…\E`, multi-line mode,
 * flags other than `i` and `s`) raises {@link UnsupportedPattern}; the caller skips that rule and
 * counts it, rather than running a pattern whose meaning changed.
 */
export class UnsupportedPattern extends Error {
  override readonly name = 'UnsupportedPattern';
}

export interface TranslatedPattern {
  source: string;
  flags: string;
}

interface Flags {
  i: boolean;
  s: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\t\\n\\v\\f\\r ',
  xdigit: '0-9a-fA-F',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

const isLetter = (c: string): boolean => /^[a-zA-Z]$/.test(c);

/** RE2 escapes that mean the same in a JavaScript pattern without the `u` flag. */
const PORTABLE_ESCAPES = new Set('dDwWsSbBtnrfv.\\/-^$*+?()[]{}|"\'`#&~%,:;<>=!@ _'.split(''));

export function translateGoRegex(pattern: string): TranslatedPattern {
  let body = pattern;
  let leadingI = false;
  if (body.startsWith('(?i)')) {
    leadingI = true;
    body = body.slice(4);
  }
  // The `i` flag is exact only when nothing later switches case sensitivity back off.
  const useFlag = leadingI && !body.includes('(?-i');
  const source = new Translator(body, { i: leadingI && !useFlag, s: false }).run();
  return { source, flags: useFlag ? 'i' : '' };
}

class Translator {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly initial: Flags,
  ) {}

  run(): string {
    const out = this.sequence({ ...this.initial }, false);
    if (this.pos < this.src.length) throw new UnsupportedPattern(`unbalanced ')' at ${this.pos}`);
    return out;
  }

  /** Translates until the `)` closing the current group (not consumed) or the end. */
  private sequence(flags: Flags, inGroup: boolean): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === ')') {
        if (!inGroup) throw new UnsupportedPattern(`unbalanced ')' at ${this.pos}`);
        return out;
      }
      if (c === '(') {
        out += this.group(flags);
      } else if (c === '[') {
        out += this.charClass(flags);
      } else if (c === '\\') {
        out += this.escape(flags);
      } else if (c === '.') {
        this.pos++;
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
      } else if (isLetter(c) && flags.i) {
        this.pos++;
        out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      } else {
        this.pos++;
        out += c;
      }
    }
    if (inGroup) throw new UnsupportedPattern('unclosed group');
    return out;
  }

  private group(outer: Flags): string {
    const rest = this.src.slice(this.pos);
    // `(?flags)`: changes the flags for the rest of the enclosing group.
    const setter = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(rest);
    if (setter) {
      this.pos += setter[0].length;
      applyFlags(outer, setter[1] ?? '', setter[2] ?? '');
      return '';
    }
    const scoped = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?:/.exec(rest);
    if (scoped) {
      this.pos += scoped[0].length;
      const inner = { ...outer };
      applyFlags(inner, scoped[1] ?? '', scoped[2] ?? '');
      return `(?:${this.closeGroup(inner)})`;
    }
    const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(rest);
    if (named) {
      this.pos += named[0].length;
      return `(?<${named[1]}>${this.closeGroup({ ...outer })})`;
    }
    if (rest.startsWith('(?')) throw new UnsupportedPattern(`group syntax ${rest.slice(0, 4)}`);
    this.pos++;
    return `(${this.closeGroup({ ...outer })})`;
  }

  private closeGroup(flags: Flags): string {
    const inner = this.sequence(flags, true);
    this.pos++; // the ')'
    return inner;
  }

  private escape(flags: Flags): string {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new UnsupportedPattern('trailing backslash');
    this.pos += 2;
    if (next === 'z') return '$';
    if (next === 'A') return '^';
    if (next === 'x') return this.hexEscape();
    if (PORTABLE_ESCAPES.has(next)) return `\\${next}`;
    if (flags.i && isLetter(next)) throw new UnsupportedPattern(`escape \\${next}`);
    throw new UnsupportedPattern(`escape \\${next}`);
  }

  private hexEscape(): string {
    const rest = this.src.slice(this.pos);
    const short = /^[0-9a-fA-F]{2}/.exec(rest);
    if (short) {
      this.pos += 2;
      return `\\x${short[0]}`;
    }
    const long = /^\{([0-9a-fA-F]{1,4})\}/.exec(rest);
    if (long) {
      this.pos += long[0].length;
      return `\\u${long[1]!.padStart(4, '0')}`;
    }
    throw new UnsupportedPattern('hex escape');
  }

  /** Re-emits a bracket expression item by item; under `i` adds the other case of letters. */
  private charClass(flags: Flags): string {
    this.pos++; // '['
    let negate = false;
    if (this.src[this.pos] === '^') {
      negate = true;
      this.pos++;
    }
    const items: string[] = [];
    const extra: string[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new UnsupportedPattern('unclosed character class');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const set = POSIX_CLASSES[posix[2]!];
        if (set === undefined || posix[1] === '^') throw new UnsupportedPattern('POSIX class');
        this.pos += posix[0].length;
        items.push(set);
        continue;
      }
      const lo = this.classAtom();
      if (
        this.src[this.pos] === '-' &&
        this.src[this.pos + 1] !== ']' &&
        this.pos + 1 < this.src.length
      ) {
        this.pos++;
        const hi = this.classAtom();
        items.push(`${lo.text}-${hi.text}`);
        if (flags.i && lo.letter && hi.letter) extra.push(otherCaseRange(lo.letter, hi.letter));
      } else {
        items.push(lo.text);
        if (flags.i && lo.letter) extra.push(swapCase(lo.letter));
      }
    }
    return `[${negate ? '^' : ''}${items.join('')}${extra.join('')}]`;
  }

  private classAtom(): { text: string; letter: string | null } {
    const c = this.src[this.pos]!;
    if (c === '\\') {
      const next = this.src[this.pos + 1];
      if (next === undefined) throw new UnsupportedPattern('trailing backslash');
      this.pos += 2;
      if (next === 'x') return { text: this.hexEscape(), letter: null };
      if (PORTABLE_ESCAPES.has(next) && next !== 'b' && next !== 'B') {
        return { text: `\\${next}`, letter: null };
      }
      throw new UnsupportedPattern(`escape \\${next} in class`);
    }
    this.pos++;
    if (c === ']' || c === '[' || c === '^' || c === '-') return { text: `\\${c}`, letter: null };
    return { text: c, letter: isLetter(c) ? c : null };
  }
}

function applyFlags(flags: Flags, on: string, off: string): void {
  for (const f of on + off) {
    if (f !== 'i' && f !== 's') throw new UnsupportedPattern(`flag ${f}`);
  }
  if (on.includes('i')) flags.i = true;
  if (on.includes('s')) flags.s = true;
  if (off.includes('i')) flags.i = false;
  if (off.includes('s')) flags.s = false;
}

function swapCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

/** The other-case counterpart of a letter range; ranges crossing cases are left as they are. */
function otherCaseRange(lo: string, hi: string): string {
  const bothLower = lo === lo.toLowerCase() && hi === hi.toLowerCase();
  const bothUpper = lo === lo.toUpperCase() && hi === hi.toUpperCase();
  if (!bothLower && !bothUpper) throw new UnsupportedPattern('mixed-case range');
  return `${swapCase(lo)}-${swapCase(hi)}`;
}
