import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classifyText } from './classify';
import { decodeSample } from './decode-sample';
import { bundledRuleSet, parseGitleaksConfig, secretRuleStats } from './secrets/bundled-rules';
import { shannonEntropy } from './secrets/entropy';
import { translateGoRegex } from './secrets/go-regex';
import { SecretScanner } from './secrets/secret-scanner';
import { summarizeMatches } from './summarize';

/** Deterministic token generator: no fixed secrets in the test source, no Math.random. */
function token(alphabet: string, length: number, seed: number): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[(x >>> 0) % alphabet.length];
  }
  return out;
}
const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const secrets = (text: string): string[] =>
  classifyText(text, { types: ['SECRET'] }).map((m) => m.ruleId ?? '');

describe('Go regex translation', () => {
  it('turns a mid-pattern (?i) into case alternatives and \\z into $', () => {
    const { source, flags } = translateGoRegex('\\b(p8e-(?i)[a-z0-9]{4})(?:\\s|\\z)');
    const re = new RegExp(source, flags);
    expect(re.test('p8e-AbC1')).toBe(true);
    expect(re.test('P8E-abc1')).toBe(false); // before the (?i) the prefix stays case-sensitive
  });

  it('keeps (?-i:…) case-sensitive inside a case-insensitive pattern', () => {
    const { source, flags } = translateGoRegex('(?i)key(?-i:[A-Z]{2})');
    const re = new RegExp(source, flags);
    expect(flags).toBe('');
    expect(re.test('KEYAB')).toBe(true);
    expect(re.test('keyab')).toBe(false);
  });

  it('compiles the bundled rules and reports what it skipped', () => {
    const stats = secretRuleStats();
    expect(stats.compiled).toBeGreaterThanOrEqual(220);
    expect(stats.compiled + stats.skipped.length).toBe(stats.total);
  });
});

describe('secret engine', () => {
  it('fires vendor rules on generated tokens', () => {
    expect(secrets(`aws_access_key_id=AKIA${token(UPPER_B32, 16, 7)}`)).toContain(
      'aws-access-token',
    );
    expect(secrets(`export GH=ghp_${token(ALNUM, 36, 11)}`)).toEqual(['github-pat']);
    expect(secrets(`SLACK=xoxb-123456789012-1234567890123-${token(ALNUM, 24, 3)}`)).toEqual([
      'slack-bot-token',
    ]);
  });

  it('masks a secret without leaking it', () => {
    const key = `AKIA${token(UPPER_B32, 16, 9)}`;
    const [m] = classifyText(`key=${key}`, { types: ['SECRET'] });
    expect(m!.masked).toMatch(/^AKIA\*{12}.{4}$/);
    expect(m!.masked).not.toContain(key.slice(4, 16));
  });

  it('entropy gate: a low-entropy value is not a secret', () => {
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(secrets(`SLACK=xoxb-123456789012-1234567890123-${token(ALNUM, 24, 3)}`)).toHaveLength(1);
    expect(secrets(`api_key = "${'ab12'.repeat(8)}"`)).toEqual([]); // entropy 2 ≤ 3.5
    const hex = createHash('sha256').update('entropy gate').digest('hex');
    expect(shannonEntropy(hex)).toBeGreaterThan(3.5);
    expect(secrets(`api_key = "${hex}"`)).toEqual(['generic-api-key']);
  });

  it('keyword prefilter: only rules whose keyword occurs run', () => {
    const scanner = new SecretScanner(bundledRuleSet());
    expect(scanner.candidateRules('a plain sentence about gardens')).toEqual([]);
    expect(scanner.candidateRules('GHP_ and hf_')).toEqual(
      expect.arrayContaining(['github-pat', 'huggingface-access-token']),
    );
  });

  it('allowlists: the documented AWS example key is ignored', () => {
    expect(secrets('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
  });

  it('a 1 MB adversarial line finishes quickly', () => {
    for (const unit of [
      'key=',
      'curl -u ',
      '-----BEGIN ',
      'api_token ',
      'a3-',
      '1.1.1.',
      '4111 ',
      'x@',
    ]) {
      const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const started = performance.now();
      classifyText(line);
      expect(performance.now() - started, unit).toBeLessThan(6000);
    }
  });

  it('reads a custom rule file', () => {
    const set = parseGitleaksConfig(
      "[[rules]]\nid = \"demo\"\nregex = '''demo_[a-z]{8}'''\nkeywords = [\"demo_\"]\n",
    );
    expect(new SecretScanner(set).scan('x demo_abcdefgh').map((m) => m.ruleId)).toEqual(['demo']);
  });
});

describe('decodeSample and summarizeMatches', () => {
  it('decodes text, gunzips, honours BOMs and rejects binary', () => {
    const meta = { key: 'a.txt', contentType: 'text/plain' };
    expect(decodeSample(new TextEncoder().encode('hello'), meta)).toBe('hello');
    expect(decodeSample(gzipSync('zipped text'), { key: 'a.gz', contentType: null })).toBe(
      'zipped text',
    );
    expect(decodeSample(new Uint8Array([0xff, 0xfe, 0x68, 0, 0x69, 0]), meta)).toBe('hi');
    expect(
      decodeSample(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), {
        key: 'a.png',
        contentType: 'image/png',
      }),
    ).toBeNull();
    expect(
      decodeSample(new Uint8Array([1, 2, 3, 4, 5, 6, 65]), { key: 'x', contentType: null }),
    ).toBeNull();
    const big = gzipSync('a'.repeat(100_000));
    expect(
      decodeSample(big, { key: 'b.gz', contentType: null, maxBytes: 1000 })!.length,
    ).toBeLessThanOrEqual(1000);
  });

  it('summarizes counts, the top confidence and at most five samples', () => {
    const text = Array.from(
      { length: 8 },
      (_, i) => `mail user${i}@example.com from 10.0.0.${i + 1}`,
    ).join('\n');
    const summary = summarizeMatches(classifyText(text));
    expect(summary.counts).toEqual({ EMAIL: 8, IP_ADDRESS: 8 });
    expect(summary.samples).toHaveLength(5);
    expect(new Set(summary.samples.map((s) => s.type))).toEqual(new Set(['EMAIL', 'IP_ADDRESS']));
    expect(summary.maxConfidence).toBeGreaterThan(0.5);
  });
});
