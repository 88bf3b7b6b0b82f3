import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from './load';

/** The README's ccx.yaml is what a newcomer copies first; it must load as written. */
describe('the ccx.yaml in README.md', () => {
  const readme = readFileSync(
    fileURLToPath(new URL('../../../../README.md', import.meta.url)),
    'utf8',
  );
  const block = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  const file = join(mkdtempSync(join(tmpdir(), 'ccx-readme-')), 'ccx.yaml');

  it('loads, taking the OIDC client secret from CCX_OIDC_CLIENT_SECRET', () => {
    expect(block).toBeDefined();
    writeFileSync(file, block!);
    const config = loadConfig({ file, env: { CCX_OIDC_CLIENT_SECRET: 'from-env' } });
    expect(config.auth.oidc?.clientSecret).toBe('from-env');
    expect(config.connections[0]).toMatchObject({ name: 'aws-main', provider: 'aws' });
    expect(config.insights.compute.rightsizing).toBe('compute-optimizer');
    expect(stringify(config)).not.toContain('${');
  });

  it('says what is missing when the secret is not set', () => {
    writeFileSync(file, block!);
    expect(() => loadConfig({ file, env: {} })).toThrow(/auth\.oidc\.clientSecret: required/);
  });
});
