import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCcxError } from '@ccx/core';
import { loadConfig } from './load';

/** One folder for every config file of this test file, removed when it is done. */
const dir = mkdtempSync(join(tmpdir(), 'ccx-insights-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function load(yaml: string) {
  const file = join(dir, 'ccx.yaml');
  writeFileSync(file, yaml);
  return loadConfig({ file, env: {} });
}

function issuesOf(yaml: string): string[] {
  try {
    load(yaml);
  } catch (error) {
    if (isCcxError(error) && error.code === 'invalid_input')
      return (error.details.issues as string[] | undefined) ?? [error.message];
    throw error;
  }
  throw new Error('expected a config error');
}

const PRESETS = '"compute-optimizer", "balanced", "cost", "performance"';

describe('insights.compute in ccx.yaml', () => {
  it("defaults to Compute Optimizer's rightsizing and each provider's idle rule", () => {
    const config = load('server: { port: 9090 }\n');
    expect(config.insights.compute).toEqual({ rightsizing: 'compute-optimizer' });
  });

  it('takes a preset name and an idle rule', () => {
    const config = load('insights:\n  compute:\n    rightsizing: cost\n    idle: azure-advisor\n');
    expect(config.insights.compute).toEqual({ rightsizing: 'cost', idle: 'azure-advisor' });
  });

  it('takes a custom policy', () => {
    const config = load(
      'insights:\n  compute:\n    rightsizing: { percentile: 97.5, headroom: 15, allowGraviton: true }\n',
    );
    expect(config.insights.compute.rightsizing).toEqual({
      percentile: 97.5,
      headroom: 15,
      allowGraviton: true,
    });
  });

  it('names the key and the choices for an unknown preset or a malformed policy', () => {
    expect(issuesOf('insights:\n  compute:\n    rightsizing: cheap\n')).toEqual([
      `insights.compute.rightsizing: expected a preset (${PRESETS}) or a policy { percentile, headroom }, got "cheap"`,
    ]);
    expect(issuesOf('insights:\n  compute:\n    rightsizing: { percentile: 95 }\n')).toEqual([
      `insights.compute.rightsizing: expected a preset (${PRESETS}) or a policy { percentile, headroom }, got {"percentile":95}`,
    ]);
  });

  it('reports an out-of-range policy and an unknown key at their own path', () => {
    expect(
      issuesOf('insights:\n  compute:\n    rightsizing: { percentile: 0, headroom: 95 }\n'),
    ).toEqual([
      'insights.compute.rightsizing.percentile: expected a number > 0, got 0',
      'insights.compute.rightsizing.headroom: expected a number <= 90, got 95',
    ]);
    expect(
      issuesOf('insights:\n  compute:\n    rightsizing: { percentile: 95, headroom: 10, p: 1 }\n'),
    ).toEqual(['insights.compute.rightsizing.p: unknown key']);
    expect(issuesOf('insights:\n  compute:\n    idle: gcp\n  storage: {}\n').sort()).toEqual([
      'insights.compute.idle: expected one of "azure-advisor", "aws", got "gcp"',
      'insights.storage: unknown key',
    ]);
  });

  it('treats a hostile value as text in the error', () => {
    const [line] = issuesOf('insights:\n  compute:\n    rightsizing: "<img src=x>../../etc"\n');
    expect(line).toContain('got "<img src=x>../../etc"');
  });
});
