import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCcxError } from '@ccx/core';
import { loadConfig } from './load';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ccx-config-'));
}

function withFile(yaml: string): { cwd: string; file: string } {
  const cwd = tempDir();
  const file = join(cwd, 'ccx.yaml');
  writeFileSync(file, yaml);
  return { cwd, file };
}

/** Runs `fn` and returns the issue lines of the config error it must throw. */
function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isCcxError(error) && error.code === 'invalid_input') {
      return (error.details.issues as string[] | undefined) ?? [error.message];
    }
    throw error;
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  it('applies every default when there is no file', () => {
    const cwd = tempDir();
    const config = loadConfig({ env: {}, cwd });
    expect(config.configFile).toBeNull();
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.dataDir).toBe(join(cwd, '.ccx/data'));
    expect(config.store.url).toBe(join(cwd, '.ccx/data/ccx.db'));
    expect(config.sync.driver).toBe('inprocess');
    expect(config.sync.intervalMinutes).toBe(0);
    expect(config.sync.retry).toEqual({});
    expect(config.logging.level).toBe('info');
    expect(config.sandbox).toBe(false);
    expect(config.connections).toEqual([]);
  });

  it('reads ./ccx.yaml from the working directory when present', () => {
    const { cwd, file } = withFile('server:\n  port: 9090\n');
    const config = loadConfig({ env: {}, cwd });
    expect(config.configFile).toBe(file);
    expect(config.server.port).toBe(9090);
  });

  it('reports a bad value with its path, the expectation and what it got', () => {
    const { file } = withFile('server:\n  port: abc\n');
    expect(issuesOf(() => loadConfig({ file, env: {} }))).toEqual([
      'server.port: expected a number between 1 and 65535, got "abc"',
    ]);
  });

  it('reports an out-of-range number', () => {
    const { file } = withFile('server:\n  port: 70000\n');
    expect(issuesOf(() => loadConfig({ file, env: {} }))).toEqual([
      'server.port: expected a number between 1 and 65535, got 70000',
    ]);
  });

  it('names the environment variable a bad value came from', () => {
    const cwd = tempDir();
    expect(issuesOf(() => loadConfig({ env: { CCX_PORT: 'abc' }, cwd }))).toEqual([
      'server.port: expected a number between 1 and 65535, got "abc" (from CCX_PORT)',
    ]);
  });

  it('rejects unknown keys at any depth, with their path', () => {
    const { file } = withFile(
      'colour: blue\nserver:\n  prot: 80\nsync:\n  retry:\n    attempts: 3\n',
    );
    expect(issuesOf(() => loadConfig({ file, env: {} })).sort()).toEqual(
      [
        'colour: unknown key',
        'server.prot: unknown key',
        'sync.retry.attempts: unknown key',
      ].sort(),
    );
  });

  it('reports an invalid enum value with the allowed values', () => {
    const { file } = withFile('logging:\n  level: loud\n');
    const [line] = issuesOf(() => loadConfig({ file, env: {} }));
    expect(line).toMatch(/^logging\.level: expected one of "trace", .*"silent", got "loud"$/);
  });

  it('says a missing config file is missing', () => {
    const cwd = tempDir();
    expect(() => loadConfig({ file: 'nope.yaml', env: {}, cwd })).toThrow(
      /Config file not found: .*nope\.yaml/,
    );
    expect(() => loadConfig({ env: { CCX_CONFIG: 'gone.yaml' }, cwd })).toThrow(
      /Config file not found/,
    );
  });

  it('reports YAML syntax errors with the file name', () => {
    const { file } = withFile('server: [unclosed\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(/Cannot read config file .*ccx\.yaml/);
  });

  it('requires a Redis URL for the bullmq driver, and takes it from CCX_REDIS_URL', () => {
    const { file } = withFile('sync:\n  driver: bullmq\n');
    expect(issuesOf(() => loadConfig({ file, env: {} }))).toEqual([
      'sync.redisUrl: required when driver is "bullmq" (or set CCX_REDIS_URL)',
    ]);
    const config = loadConfig({ file, env: { CCX_REDIS_URL: 'redis://127.0.0.1:6379' } });
    expect(config.sync.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('applies environment overrides over the file', () => {
    const { cwd, file } = withFile(
      'server:\n  port: 9090\n  host: 0.0.0.0\nlogging:\n  level: debug\n',
    );
    const config = loadConfig({
      file,
      cwd,
      env: { CCX_PORT: '7070', CCX_HOST: '::1', CCX_LOG_LEVEL: 'warn', CCX_DATA_DIR: 'var/ccx' },
    });
    expect(config.server).toEqual({ host: '::1', port: 7070 });
    expect(config.logging.level).toBe('warn');
    expect(config.dataDir).toBe(join(cwd, 'var/ccx'));
    expect(config.store.url).toBe(join(cwd, 'var/ccx/ccx.db'));
  });

  it('keeps PostgreSQL URLs and resolves SQLite paths', () => {
    const cwd = tempDir();
    const pg = 'postgres://postgres@127.0.0.1:5432/ccx';
    expect(loadConfig({ env: { CCX_STORE_URL: pg }, cwd }).store.url).toBe(pg);
    expect(loadConfig({ env: { CCX_STORE_URL: 'sqlite:db/x.db' }, cwd }).store.url).toBe(
      join(cwd, 'db/x.db'),
    );
  });

  it('fills the OIDC secret from CCX_OIDC_CLIENT_SECRET and reports missing OIDC fields', () => {
    const { file } = withFile(
      'auth:\n  oidc:\n    issuer: https://id.example.com\n    clientId: ccx\n',
    );
    expect(issuesOf(() => loadConfig({ file, env: {} }))).toEqual([
      'auth.oidc.clientSecret: required (string)',
    ]);
    const config = loadConfig({ file, env: { CCX_OIDC_CLIENT_SECRET: 's3cret' } });
    expect(config.auth.oidc).toMatchObject({ clientSecret: 's3cret', defaultRole: 'viewer' });
  });

  it('validates connections by provider and requires unique names', () => {
    const unknown = withFile('connections:\n  - name: a\n    provider: oracle\n');
    expect(issuesOf(() => loadConfig({ file: unknown.file, env: {} }))).toEqual([
      'connections[0].provider: expected one of "aws", "gcp", "azure", got "oracle"',
    ]);
    const noProjects = withFile('connections:\n  - name: a\n    provider: gcp\n');
    expect(issuesOf(() => loadConfig({ file: noProjects.file, env: {} }))).toEqual([
      'connections[0].projects: required (array)',
    ]);
    const badAccount = withFile(
      'connections:\n  - { name: a, provider: azure, storageAccounts: [{ name: Bad_Name }] }\n',
    );
    expect(issuesOf(() => loadConfig({ file: badAccount.file, env: {} }))).toEqual([
      'connections[0].storageAccounts[0].name: expected 3–24 lowercase letters and digits, got "Bad_Name"',
    ]);
    const twice = withFile(
      'connections:\n  - { name: a, provider: aws, regions: [us-east-1] }\n  - { name: a, provider: aws, regions: [eu-west-1] }\n',
    );
    expect(issuesOf(() => loadConfig({ file: twice.file, env: {} }))).toEqual([
      'connections[1].name: duplicate connection name "a"',
    ]);
  });

  it('loads an Azure connection that repeats its compute authority and tenant, refuses another', () => {
    const azure = (...top: string[]) =>
      withFile(
        [
          'connections:',
          '  - name: az',
          '    provider: azure',
          '    storageAccounts: [{ name: acmelogs }]',
          ...top.map((line) => `    ${line}`),
          '    compute:',
          '      tenantId: acme.onmicrosoft.com',
          '      clientId: 7a7a7a7a-1111-4222-8333-444455556666',
          '      authorityHost: https://login.microsoftonline.us',
          '      subscriptions: [00000000-0000-4000-8000-000000000001]',
          '',
        ].join('\n'),
      );
    const same = azure(
      'authorityHost: https://login.microsoftonline.us/',
      'tenantId: ACME.onmicrosoft.com',
    );
    expect(loadConfig({ file: same.file, env: {} }).connections[0]).toMatchObject({
      name: 'az',
      compute: { tenantId: 'acme.onmicrosoft.com' },
    });
    const other = azure('tenantId: contoso.onmicrosoft.com');
    expect(issuesOf(() => loadConfig({ file: other.file, env: {} }))).toEqual([
      expect.stringMatching(
        /^connections\[0\]\.tenantId: tenantId \(contoso\.onmicrosoft\.com\) differs from compute\.tenantId \(acme\.onmicrosoft\.com\)/,
      ),
    ]);
  });

  it('accepts an AWS connection and rejects unknown keys inside it', () => {
    const good = withFile(
      'connections:\n  - name: prod\n    provider: aws\n    regions: [us-east-1]\n    sandbox: true\n',
    );
    const [connection] = loadConfig({ file: good.file, env: {} }).connections;
    expect(connection).toMatchObject({ name: 'prod', provider: 'aws', sandbox: true });
    const bad = withFile(
      'connections:\n  - { name: prod, provider: aws, regions: [us-east-1], colour: red }\n',
    );
    expect(issuesOf(() => loadConfig({ file: bad.file, env: {} }))).toEqual([
      'connections[0].colour: unknown key',
    ]);
  });
});
