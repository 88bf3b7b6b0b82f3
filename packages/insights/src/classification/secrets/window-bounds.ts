/**
 * Bounds that let a rule run on less text than the line around its keyword, derived from the
 * rule's own pattern (or stated per rule) so they never change what it finds.
 */

/**
 * gitleaks' semi-generic template: `[\w.-]{0,N}?(?:name|…)…`. A match begins at most N
 * characters before its name group, and the group (no repetition inside) is no longer than its
 * source, so a match involving a keyword inside that group starts at most N + that length
 * before the keyword's end. Null for any other shape (the whole line is searched).
 */
const SEMI_GENERIC = /^(?:\(\?i\))?\[\\w\.-\]\{0,(\d+)\}\?\(\?:/;

export function reachBeforeKeyword(goPattern: string): number | null {
  const head = SEMI_GENERIC.exec(goPattern);
  if (head === null) return null;
  let depth = 1;
  let i = head[0].length;
  for (; i < goPattern.length && depth > 0; i++) {
    const c = goPattern[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  const group = goPattern.slice(head[0].length, i - 1);
  if (depth !== 0 || /[*+{\\[]/.test(group.replace(/\[[^\]\\]*\]/g, 'x'))) return null;
  return Number(head[1]) + group.length;
}

/**
 * Substrings a rule's pattern cannot match without, checked on a window before the rule runs:
 * the curl rules' keyword is in every user-agent string of a web log, their flag is not.
 */
export const RULE_PRECHECKS: Readonly<Record<string, RegExp>> = {
  'curl-auth-header': /[ \t\n\r]-(?:H|-header)/,
  'curl-auth-user': /[ \t\n\r]-(?:u|-user)/,
};
