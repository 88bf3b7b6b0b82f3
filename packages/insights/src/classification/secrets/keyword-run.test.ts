import { describe, expect, it } from 'vitest';
import { bundledRuleSet } from './bundled-rules';
import { startsInKeywordRun } from './keyword-run';
import { SecretScanner } from './secret-scanner';

describe('startsInKeywordRun', () => {
  it('holds when every spelling of the name group is a run holding a keyword', () => {
    const head = String.raw`(?i)[\w.-]{0,50}?(?:`;
    const tail = String.raw`)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|:)([a-z0-9]{32})`;
    expect(
      startsInKeywordRun(`${head}access|(?-i:[Aa]pi|API)|passw(?:or)?d${tail}`, [
        'access',
        'api',
        'passwd',
        'password',
      ]),
    ).toBe(true);
    expect(
      startsInKeywordRun(`${head}linked[_-]?in${tail}`, ['linkedin', 'linked_in', 'linked-in']),
    ).toBe(true);
    // A spelling without a keyword, a dot (any character), punctuation, another top-level branch.
    expect(startsInKeywordRun(`${head}linked[_-]?in${tail}`, ['linkedin'])).toBe(false);
    expect(startsInKeywordRun(`${head}sdk.init|mailchimp${tail}`, ['mailchimp', 'sdk'])).toBe(
      false,
    );
    expect(startsInKeywordRun(`${head}new-york-times,${tail}`, ['new-york-times'])).toBe(false);
    expect(startsInKeywordRun(`${head}jira${tail}|\\b(ATATT3[a-z]{9})`, ['jira', 'atatt3'])).toBe(
      false,
    );
    expect(startsInKeywordRun(String.raw`(?i)\b(access)=([a-z]{9})`, ['access'])).toBe(false);
  });

  it('finds exactly what trying every position before the keyword finds', () => {
    const rules = bundledRuleSet();
    const pinned = new SecretScanner(rules);
    const unpinned = new SecretScanner({
      ...rules,
      rules: rules.rules.map((r) => ({ ...r, startsInKeywordRun: false })),
    });
    const value = 'Zq8vN3kT1pW6xR4bY7mC2hJ5';
    const prefixes = ['', 'x', 'my.app-', 'a'.repeat(49), 'b'.repeat(60), '/', 'é', ' ', 'x/y.'];
    const names = ['api_key', 'ApiToken', 'AUTH', 'secret.key', 'db-password', 'APIkey', 'passwd'];
    const texts: string[] = [];
    for (const p of prefixes)
      for (const n of names)
        texts.push(`${p}${n} = "${value}"`, `${p}${n}:${value};${p}${n}=${value}`);
    const line = texts.join(' ');
    for (const text of [...texts, line, texts.join('\n')]) {
      expect(pinned.scan(text)).toEqual(unpinned.scan(text));
    }
    expect(pinned.scan(line).length).toBeGreaterThan(texts.length);
  });
});
