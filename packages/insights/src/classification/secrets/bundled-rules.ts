import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { compileRuleSet, type CompiledRuleSet } from './compile-rules';
import { gitleaksConfigSchema } from './rule-schema';

/**
 * The gitleaks rule file shipped with this package (`data/gitleaks.toml`, MIT, see the README
 * beside it), read and compiled once at first use: this module is the only I/O in
 * classification, and the rule set is immutable afterwards.
 */
const RULE_FILE = new URL('../../../data/gitleaks.toml', import.meta.url);

let cached: CompiledRuleSet | undefined;

export function parseGitleaksConfig(toml: string): CompiledRuleSet {
  return compileRuleSet(gitleaksConfigSchema.parse(parse(toml)));
}

export function bundledRuleSet(): CompiledRuleSet {
  cached ??= parseGitleaksConfig(readFileSync(RULE_FILE, 'utf8'));
  return cached;
}

/** How many bundled rules run and which were skipped, for reports and the benchmark. */
export function secretRuleStats(): {
  total: number;
  compiled: number;
  skipped: { id: string; reason: string }[];
} {
  const set = bundledRuleSet();
  return {
    total: set.rules.length + set.skipped.length,
    compiled: set.rules.length,
    skipped: set.skipped,
  };
}
