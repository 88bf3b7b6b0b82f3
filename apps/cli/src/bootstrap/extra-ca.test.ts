import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCwd } from '../testing';
import { extraCaFileFor } from './extra-ca';

describe('extraCaFileFor', () => {
  it('creates and returns the sandbox CA for sandbox commands', async () => {
    const cwd = tempCwd();
    const file = await extraCaFileFor(['demo', '--once'], {}, cwd);
    expect(file?.startsWith(join(cwd, '.ccx/sandbox/'))).toBe(true);
    expect(readFileSync(file!, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it("reads the config's tls.extraCaFile, from --config or ./ccx.yaml", async () => {
    const cwd = tempCwd();
    writeFileSync(join(cwd, 'ccx.yaml'), 'tls:\n  extraCaFile: certs/corp.pem\n');
    writeFileSync(join(cwd, 'other.yaml'), 'tls:\n  extraCaFile: /etc/other.pem\n');
    expect(await extraCaFileFor(['sync'], {}, cwd)).toBe(join(cwd, 'certs/corp.pem'));
    expect(await extraCaFileFor(['--config', 'other.yaml', 'sync'], {}, cwd)).toBe(
      '/etc/other.pem',
    );
    expect(await extraCaFileFor(['sync', '--config=other.yaml'], {}, cwd)).toBe('/etc/other.pem');
  });

  it('needs no CA without one configured, and leaves an unreadable config to the command', async () => {
    const cwd = tempCwd();
    expect(await extraCaFileFor(['status'], {}, cwd)).toBeNull();
    writeFileSync(join(cwd, 'ccx.yaml'), 'tls: [broken\n');
    expect(await extraCaFileFor(['status'], {}, cwd)).toBeNull();
  });

  it('bundles an inherited NODE_EXTRA_CA_CERTS with the needed CA instead of dropping it', async () => {
    const cwd = tempCwd();
    const inherited = join(cwd, 'corp.pem');
    writeFileSync(inherited, '-----BEGIN CERTIFICATE-----\ncorp\n-----END CERTIFICATE-----\n');
    const file = await extraCaFileFor(
      ['sandbox', 'start'],
      { NODE_EXTRA_CA_CERTS: inherited },
      cwd,
    );
    expect(file).toBe(join(cwd, '.ccx/ca-bundle.pem'));
    const pem = readFileSync(file!, 'utf8');
    expect(pem).toContain('corp');
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });
});
