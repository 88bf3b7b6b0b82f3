import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCcx, tempCwd } from './testing';

describe('ccx exit codes and messages', () => {
  it('exits 2 with one line for a missing config file', async () => {
    const result = await runCcx(tempCwd(), ['--config', 'nope.yaml', 'status']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ccx: Config file not found: .*nope\.yaml\n$/);
  });

  it('exits 2 for an unknown option or command, naming it', async () => {
    const option = await runCcx(tempCwd(), ['sync', '--bogus']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--bogus'");
    const command = await runCcx(tempCwd(), ['sink']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'sink'");
  });

  it('exits 2 for an invalid option value', async () => {
    const port = await runCcx(tempCwd(), ['serve', '--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('expected a number between 0 and 65535');
    const faults = await runCcx(tempCwd(), ['demo', '--once', '--faults', 'nonsense']);
    expect(faults.code).toBe(2);
    expect(faults.stderr).toContain('KEY=VALUE');
  });

  it('exits 2 with the path of a bad config value', async () => {
    const cwd = tempCwd();
    writeFileSync(join(cwd, 'ccx.yaml'), 'server:\n  port: abc\n');
    const result = await runCcx(cwd, ['status']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'server.port: expected a number between 1 and 65535, got "abc"',
    );
  });

  it('prints help and the version on stdout with exit 0', async () => {
    const help = await runCcx(tempCwd(), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('demo');
    const version = await runCcx(tempCwd(), ['--version']);
    expect(version).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) as unknown,
    });
  });

  it('reports an empty store as JSON on stdout only', async () => {
    const result = await runCcx(tempCwd(), ['status', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      resources: { total: 0 },
      lastSync: null,
      connections: [],
      sandbox: false,
    });
  });

  it('refuses short and weak passwords (exit 2) and duplicate users (exit 1)', async () => {
    const cwd = tempCwd();
    const short = await runCcx(
      cwd,
      ['admin', 'create', '--username', 'ada', '--password-stdin'],
      'short\n',
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^ccx: Password/);
    const weak = await runCcx(
      cwd,
      ['admin', 'create', '--username', 'ada', '--password-stdin'],
      'aaaaaaaaaaaaaaaa\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('Password refused');
    const ok = await runCcx(
      cwd,
      ['admin', 'create', '--username', 'ada', '--password-stdin'],
      'correct horse battery staple\n',
    );
    expect(ok).toMatchObject({ code: 0, stdout: 'Created admin "ada".\n' });
    const again = await runCcx(
      cwd,
      ['admin', 'create', '--username', 'ada', '--password-stdin'],
      'correct horse battery staple\n',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('refuses to sync a config without connections (exit 2)', async () => {
    const result = await runCcx(tempCwd(), ['sync']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No connections to sync');
  });

  it('refuses to prompt for a password without a terminal', async () => {
    const result = await runCcx(tempCwd(), ['admin', 'create', '--username', 'ada']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--password-stdin');
  });

  it('status names the config it read, or says there is none', async () => {
    const cwd = tempCwd();
    const bare = await runCcx(cwd, ['status']);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Config: none (no ./ccx.yaml; pass --config FILE');
    writeFileSync(join(cwd, 'ccx.yaml'), 'connections: []\n');
    const found = await runCcx(cwd, ['status']);
    expect(found.stdout).toContain(`Config: ${join(cwd, 'ccx.yaml')}`);
  });
});
