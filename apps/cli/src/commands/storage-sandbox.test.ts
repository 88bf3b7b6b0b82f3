import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, writeSandboxConfig, type SandboxHandle } from '@ccx/sandbox';
import { openStore } from '@ccx/store';
import { runCcx, tempCwd } from '../testing';

/**
 * `ccx storage` end to end on the sandbox: the config `ccx sandbox` writes, the real AWS
 * provider and SDK, and the sandbox's S3 with SigV4 verification. Nothing is mocked.
 */
let sandbox: SandboxHandle;
let cwd: string;
const config = ['--config', '.ccx/sandbox.yaml'];
const ccx = (...args: string[]) => runCcx(cwd, ['storage', ...args, ...config]);

beforeAll(async () => {
  cwd = tempCwd();
  sandbox = await startSandbox({
    stateDir: join(cwd, '.ccx', 'state'),
    estate: { accounts: 1, instancesPerRegion: 0 },
  });
  await writeSandboxConfig(sandbox, join(cwd, '.ccx', 'sandbox.yaml'));
  const hub = sandbox.accounts[0];
  if (hub === undefined) throw new Error('the sandbox has no account');
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: sandbox.s3Url,
    forcePathStyle: true,
    credentials: { accessKeyId: hub.accessKeyId, secretAccessKey: hub.secretAccessKey },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'cli-sandbox-test' }));
  s3.destroy();
});
afterAll(async () => {
  await sandbox.stop();
});

describe('ccx storage against the sandbox S3', () => {
  it('uploads, lists, presigns, re-classes, downloads and deletes an object', async () => {
    writeFileSync(join(cwd, 'notes.txt'), 'contact: ana.silva@example.com\n');
    const up = await ccx('cp', 'notes.txt', 's3://cli-sandbox-test/in/', '--json');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({
      uri: 's3://cli-sandbox-test/in/notes.txt',
      size: 31,
    });

    const listed = await ccx('ls', 's3://cli-sandbox-test/', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ uri: 's3://cli-sandbox-test/in/', kind: 'prefix' }),
    ]);
    const buckets = await ccx('ls', 's3://', '--json');
    expect((JSON.parse(buckets.stdout) as { uri: string }[]).map((b) => b.uri)).toContain(
      's3://cli-sandbox-test/',
    );

    const signed = await ccx(
      'presign',
      's3://cli-sandbox-test/in/notes.txt',
      '--expires',
      '300',
      '--json',
    );
    const { url } = JSON.parse(signed.stdout) as { url: string };
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe('contact: ana.silva@example.com\n');
    const tampered = await fetch(
      url.replace('in%2Fnotes', 'in%2Fother').replace('in/notes', 'in/other'),
    );
    expect(tampered.status).toBe(403);

    const classed = await ccx(
      'class',
      's3://cli-sandbox-test/in/notes.txt',
      'STANDARD_IA',
      '--json',
    );
    expect(classed.code).toBe(0);
    expect(JSON.parse(classed.stdout)).toMatchObject({ storageClass: 'STANDARD_IA' });

    const scanned = await ccx('scan', 's3://cli-sandbox-test/', '--json');
    expect(JSON.parse(scanned.stdout)).toMatchObject({
      findings: [{ uri: 's3://cli-sandbox-test/in/notes.txt', type: 'EMAIL', line: 1 }],
      scanned: 1,
      skipped: 0,
    });

    mkdirSync(join(cwd, 'out'));
    const down = await ccx('mv', 's3://cli-sandbox-test/in/notes.txt', 'out/');
    expect(down.code).toBe(0);
    expect(readFileSync(join(cwd, 'out', 'notes.txt'), 'utf8')).toBe(
      'contact: ana.silva@example.com\n',
    );
    const after = await ccx('ls', '-r', 's3://cli-sandbox-test/', '--json');
    expect(JSON.parse(after.stdout)).toEqual([]);

    // Every change landed in the configured store's audit log, as the server's changes do.
    const store = await openStore({ url: join(cwd, '.ccx', 'data', 'ccx.db') });
    try {
      const { items } = await store.audit.list({ offset: 0, limit: 100 });
      const trail = items
        .filter((e) => e.outcome !== 'pending')
        .map((e) => [e.action, e.outcome])
        .sort();
      expect(trail).toEqual(
        [
          ['storage.class', 'success'],
          ['storage.move', 'success'],
          ['storage.presign', 'success'],
          ['storage.scan', 'success'],
          ['storage.upload', 'success'],
        ].sort(),
      );
      expect(JSON.stringify(items)).not.toContain(url);
    } finally {
      await store.close();
    }
  });
});
