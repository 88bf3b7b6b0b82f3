import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObjectStorage } from '@ccx/core';
import { UNAUDITED_OUTCOME_WARNING } from '../storage/audit';
import { memoryConnection, runStorage } from '../storage/testing';
import { tempCwd } from '../testing';

const ACCOUNT = '111111111111';

function estate() {
  const s3 = memoryConnection('aws-main', 'aws', [
    {
      account: ACCOUNT,
      bucket: 'photos',
      objects: [
        { key: 'a.txt', body: 'alpha', contentType: 'text/plain' },
        { key: 'dir/b.txt', body: 'bravo' },
        { key: 'dir/sub/c.txt', body: 'charlie' },
        { key: '../../etc/x', body: 'escape attempt' },
        { key: 'evil\u001b]0;pwned\u0007.txt', body: 'terminal' },
      ],
    },
    { account: ACCOUNT, bucket: 'backup' },
  ]);
  const gcs = memoryConnection('gcp-main', 'gcp', [{ account: 'proj-1', bucket: 'archive' }]);
  return { s3, gcs, all: [s3, gcs] };
}

async function exists(storage: ObjectStorage, bucket: string, key: string): Promise<boolean> {
  const account = bucket === 'archive' ? 'proj-1' : ACCOUNT;
  return storage.headObject({ connection: '', account, bucket, key }).then(
    () => true,
    () => false,
  );
}

async function read(storage: ObjectStorage, account: string, bucket: string, key: string) {
  const { body } = await storage.getObject({ connection: '', account, bucket, key });
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('ccx storage ls', () => {
  it('lists the buckets of a scheme as JSON entries with a uri', async () => {
    const { all } = estate();
    const result = await runStorage(all, ['storage', 'ls', 's3://', '--json'], { cwd: tempCwd() });
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as {
      uri: string;
      kind: string;
      connection: string;
    }[];
    expect(entries.map((e) => e.uri).sort()).toEqual(['s3://backup/', 's3://photos/']);
    expect(entries.every((e) => e.kind === 'bucket' && e.connection === 'aws-main')).toBe(true);
    expect(result.closed).toBe(1);
  });

  it('lists one level of a bucket, or everything with --recursive', async () => {
    const { all } = estate();
    const cwd = tempCwd();
    const level = await runStorage(all, ['storage', 'ls', 's3://photos/dir/', '--json'], { cwd });
    expect(JSON.parse(level.stdout)).toEqual([
      expect.objectContaining({ uri: 's3://photos/dir/b.txt', kind: 'object', size: 5 }),
      expect.objectContaining({ uri: 's3://photos/dir/sub/', kind: 'prefix', size: null }),
    ]);
    const deep = await runStorage(all, ['storage', 'ls', '-r', 's3://photos/dir/', '--json'], {
      cwd,
    });
    expect((JSON.parse(deep.stdout) as { uri: string }[]).map((e) => e.uri)).toEqual([
      's3://photos/dir/b.txt',
      's3://photos/dir/sub/c.txt',
    ]);
    const empty = await runStorage(all, ['storage', 'ls', 's3://backup/', '--json'], { cwd });
    expect(JSON.parse(empty.stdout)).toEqual([]);
  });

  it('escapes terminal control characters of keys in human output', async () => {
    const { all } = estate();
    const result = await runStorage(all, ['storage', 'ls', 's3://photos/'], { cwd: tempCwd() });
    expect(result.code).toBe(0);
    expect(result.stdout.includes('\u001b')).toBe(false);
    expect(result.stdout).toContain('evil\\x1b]0;pwned\\x07.txt');
  });

  it('reports unknown buckets and malformed URIs with exit codes 1 and 2', async () => {
    const { all } = estate();
    const cwd = tempCwd();
    const missing = await runStorage(all, ['storage', 'ls', 's3://nowhere/'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Bucket "nowhere" not found/);
    expect(missing.closed).toBe(1);
    const bad = await runStorage(all, ['storage', 'ls', 's3://No_Such'], { cwd });
    expect(bad.code).toBe(2);
  });
});

describe('ccx storage cp and mv', () => {
  it('uploads a local file under a prefix and downloads it back into a directory', async () => {
    const { s3, all } = estate();
    const cwd = tempCwd();
    writeFileSync(join(cwd, 'report.csv'), 'id,name\n1,ana\n');
    const up = await runStorage(
      all,
      ['storage', 'cp', 'report.csv', 's3://backup/2025/', '--json'],
      { cwd },
    );
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ uri: 's3://backup/2025/report.csv', size: 14 });
    expect(await read(s3.storage, ACCOUNT, 'backup', '2025/report.csv')).toBe('id,name\n1,ana\n');

    mkdirSync(join(cwd, 'out'));
    const down = await runStorage(all, ['storage', 'cp', 's3://backup/2025/report.csv', 'out/'], {
      cwd,
    });
    expect(down.code).toBe(0);
    expect(readFileSync(join(cwd, 'out', 'report.csv'), 'utf8')).toBe('id,name\n1,ana\n');
  });

  it('never writes outside the target directory, whatever the key says', async () => {
    const { all } = estate();
    const cwd = tempCwd();
    mkdirSync(join(cwd, 'out'));
    const result = await runStorage(
      all,
      ['storage', 'cp', 's3://photos/../../etc/x', 'out', '--json'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ path: join(cwd, 'out', 'x'), size: 14 });
    expect(readdirSync(join(cwd, 'out'))).toEqual(['x']);
    expect(existsSync(join(cwd, '..', 'etc', 'x'))).toBe(false);
  });

  it('writes an object to stdout with -', async () => {
    const { all } = estate();
    const result = await runStorage(all, ['storage', 'cp', 's3://photos/dir/sub/c.txt', '-'], {
      cwd: tempCwd(),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('charlie');
  });

  it('uploads stdin with -', async () => {
    const { s3, all } = estate();
    const result = await runStorage(all, ['storage', 'cp', '-', 's3://backup/piped.txt'], {
      cwd: tempCwd(),
      stdin: 'from a pipe',
    });
    expect(result.code).toBe(0);
    expect(await read(s3.storage, ACCOUNT, 'backup', 'piped.txt')).toBe('from a pipe');
  });

  it('copies and moves across providers and prints the resulting object', async () => {
    const { s3, gcs, all } = estate();
    const cwd = tempCwd();
    const copy = await runStorage(
      all,
      ['storage', 'cp', 's3://photos/a.txt', 'gs://archive/', '--json'],
      { cwd },
    );
    expect(copy.code).toBe(0);
    expect(JSON.parse(copy.stdout)).toMatchObject({
      uri: 'gs://archive/a.txt',
      key: 'a.txt',
      size: 5,
    });
    expect(await read(gcs.storage, 'proj-1', 'archive', 'a.txt')).toBe('alpha');
    expect(await exists(s3.storage, 'photos', 'a.txt')).toBe(true);

    const move = await runStorage(
      all,
      ['storage', 'mv', 's3://photos/dir/b.txt', 'gs://archive/moved/b.txt'],
      { cwd },
    );
    expect(move.code).toBe(0);
    expect(move.stdout).toMatch(/^Moved to gs:\/\/archive\/moved\/b\.txt \(5 bytes/);
    expect(await read(gcs.storage, 'proj-1', 'archive', 'moved/b.txt')).toBe('bravo');
    expect(await exists(s3.storage, 'photos', 'dir/b.txt')).toBe(false);
  });

  it('moves a local file up and removes it only after the upload', async () => {
    const { s3, all } = estate();
    const cwd = tempCwd();
    writeFileSync(join(cwd, 'gone.txt'), 'bye');
    const result = await runStorage(all, ['storage', 'mv', 'gone.txt', 's3://backup/gone.txt'], {
      cwd,
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'gone.txt'))).toBe(false);
    expect(await read(s3.storage, ACCOUNT, 'backup', 'gone.txt')).toBe('bye');
  });

  it('refuses local-to-local copies, missing files and prefixes as sources', async () => {
    const { all } = estate();
    const cwd = tempCwd();
    expect((await runStorage(all, ['storage', 'cp', 'a', 'b'], { cwd })).code).toBe(2);
    expect(
      (await runStorage(all, ['storage', 'cp', 'nope.txt', 's3://backup/'], { cwd })).code,
    ).toBe(1);
    expect(
      (await runStorage(all, ['storage', 'cp', 's3://photos/dir/', 'out/'], { cwd })).code,
    ).toBe(2);
    expect((await runStorage(all, ['storage', 'cp', 's3://photos/a.txt'], { cwd })).code).toBe(2);
  });
});

describe('ccx storage rm', () => {
  it('deletes several objects by URI', async () => {
    const { s3, all } = estate();
    const result = await runStorage(
      all,
      ['storage', 'rm', 's3://photos/a.txt', 's3://photos/dir/b.txt', '--json'],
      {
        cwd: tempCwd(),
      },
    );
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { deleted: string[] }).deleted.sort()).toEqual([
      'a.txt',
      'dir/b.txt',
    ]);
    expect(await exists(s3.storage, 'photos', 'a.txt')).toBe(false);
  });

  it('needs --recursive for a prefix, and --yes for a recursive delete off a terminal', async () => {
    const { s3, all } = estate();
    const cwd = tempCwd();
    const noFlag = await runStorage(all, ['storage', 'rm', 's3://photos/dir/'], { cwd });
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/--recursive/);
    const noYes = await runStorage(all, ['storage', 'rm', '-r', 's3://photos/dir/'], { cwd });
    expect(noYes.code).toBe(2);
    expect(await exists(s3.storage, 'photos', 'dir/b.txt')).toBe(true);
    const yes = await runStorage(all, ['storage', 'rm', '-r', '--yes', 's3://photos/dir/'], {
      cwd,
    });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toMatch(/Deleted 2 objects/);
    expect(await exists(s3.storage, 'photos', 'dir/sub/c.txt')).toBe(false);
    expect(await exists(s3.storage, 'photos', 'a.txt')).toBe(true);
  });

  it('asks on a terminal and deletes nothing unless the answer is yes', async () => {
    const { s3, all } = estate();
    const cwd = tempCwd();
    const no = await runStorage(all, ['storage', 'rm', '-r', 's3://photos/dir/'], {
      cwd,
      tty: true,
      stdin: 'n\n',
    });
    expect(no.code).toBe(0);
    expect(no.stderr).toMatch(/Delete 2 objects\? \[y\/N\]/);
    expect(no.stdout).toMatch(/Nothing deleted/);
    expect(await exists(s3.storage, 'photos', 'dir/b.txt')).toBe(true);
    const yes = await runStorage(all, ['storage', 'rm', 's3://photos/a.txt'], {
      cwd,
      tty: true,
      stdin: 'y\n',
    });
    expect(yes.code).toBe(0);
    expect(await exists(s3.storage, 'photos', 'a.txt')).toBe(false);
  });
});

describe('ccx storage presign, class and versions', () => {
  it('presigns a GET URL that serves the object until it expires', async () => {
    const { s3, all } = estate();
    const before = Date.now();
    const result = await runStorage(
      all,
      ['storage', 'presign', 's3://photos/a.txt', '--expires', '600', '--json'],
      {
        cwd: tempCwd(),
      },
    );
    expect(result.code).toBe(0);
    const { url, expiresAt } = JSON.parse(result.stdout) as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(599_000);
    expect(Date.parse(expiresAt) - before).toBeLessThan(610_000);
    const response = await s3.storage.fetch(url);
    expect(await response.text()).toBe('alpha');
  });

  it('refuses an expiry out of range as a usage error', async () => {
    const { all } = estate();
    const result = await runStorage(
      all,
      ['storage', 'presign', 's3://photos/a.txt', '--expires', '5'],
      { cwd: tempCwd() },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--expires/);
  });

  it('changes the storage class, and refuses one the provider does not have', async () => {
    const { s3, all } = estate();
    const cwd = tempCwd();
    const result = await runStorage(
      all,
      ['storage', 'class', 's3://photos/a.txt', 'STANDARD_IA', '--json'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ storageClass: 'STANDARD_IA' });
    const head = await s3.storage.headObject({
      connection: '',
      account: ACCOUNT,
      bucket: 'photos',
      key: 'a.txt',
    });
    expect(head.storageClass).toBe('STANDARD_IA');
    const bad = await runStorage(all, ['storage', 'class', 's3://photos/a.txt', 'Cool'], { cwd });
    expect(bad.code).toBe(2);
  });

  it('lists versions of one key and restores an older one', async () => {
    const { s3, all } = estate();
    const bucket = { connection: 'aws-main', account: ACCOUNT, bucket: 'backup' };
    await s3.storage.setVersioning(bucket, true);
    s3.storage.addObject(bucket, { key: 'doc.txt', body: 'first' });
    s3.storage.addObject(bucket, { key: 'doc.txt', body: 'second' });
    s3.storage.addObject(bucket, { key: 'doc.txt.bak', body: 'other key' });
    const cwd = tempCwd();
    const listed = await runStorage(all, ['storage', 'versions', 's3://backup/doc.txt', '--json'], {
      cwd,
    });
    expect(listed.code).toBe(0);
    const versions = JSON.parse(listed.stdout) as {
      versionId: string;
      isLatest: boolean;
      size: number;
    }[];
    expect(versions).toHaveLength(2);
    const old = versions.find((v) => !v.isLatest);
    expect(old?.size).toBe(5);
    const restored = await runStorage(
      all,
      ['storage', 'versions', 's3://backup/doc.txt', '--restore', old?.versionId ?? ''],
      { cwd },
    );
    expect(restored.code).toBe(0);
    expect(await read(s3.storage, ACCOUNT, 'backup', 'doc.txt')).toBe('first');
  });
});

describe('ccx storage scan', () => {
  it('prints masked findings with their object URIs, and the scanned and skipped counts', async () => {
    const s3 = memoryConnection('aws-main', 'aws', [
      {
        account: ACCOUNT,
        bucket: 'shared',
        objects: [
          { key: 'crm/contacts.txt', body: 'email ana.silva@example.com\nssn 219-09-9999\n' },
          { key: 'crm/logo.png', body: new Uint8Array([0x89, 0x50, 0, 0, 0, 1, 2, 3]) },
          { key: 'crm/cold.txt', body: 'ana.silva@example.com', storageClass: 'DEEP_ARCHIVE' },
        ],
      },
    ]);
    const cwd = tempCwd();
    const result = await runStorage([s3], ['storage', 'scan', 's3://shared/crm/', '--json'], {
      cwd,
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      findings: {
        uri: string;
        type: string;
        masked: string;
        line: number;
        ruleId: string | null;
        confidence: number;
      }[];
      scanned: number;
      skipped: number;
    };
    expect(report.scanned).toBe(1);
    expect(report.skipped).toBe(2);
    expect(report.findings.map((f) => [f.uri, f.type, f.line])).toContainEqual([
      's3://shared/crm/contacts.txt',
      'EMAIL',
      1,
    ]);
    expect(result.stdout).not.toContain('ana.silva@example.com');
    const human = await runStorage(
      [s3],
      ['storage', 'scan', 's3://shared/', '--max-objects', '1'],
      { cwd },
    );
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/in [01] objects scanned; [01] skipped/);
    const bad = await runStorage([s3], ['storage', 'scan', 's3://shared/', '--max-objects', '0'], {
      cwd,
    });
    expect(bad.code).toBe(2);
  });
});

describe('the audit trail of storage commands', () => {
  it('records each change before it is sent and with its outcome, never a presigned URL', async () => {
    const { all } = estate();
    const cwd = tempCwd();
    writeFileSync(join(cwd, 'up.txt'), 'hello');
    const upload = await runStorage(all, ['storage', 'cp', 'up.txt', 's3://photos/up.txt'], {
      cwd,
    });
    expect(upload.code).toBe(0);
    expect(upload.audit.map((e) => [e.action, e.outcome, e.target])).toEqual([
      ['storage.upload', 'pending', 's3://photos/up.txt'],
      ['storage.upload', 'success', 's3://photos/up.txt'],
    ]);
    const [pending, success] = upload.audit;
    expect(success?.correlationId).toBe(pending?.correlationId);
    expect(success?.detail).toEqual({ size: 5 });
    expect(pending?.actor).toMatchObject({ kind: 'system', role: 'admin' });
    expect(pending?.actor.id).toMatch(/^cli:/);

    const presign = await runStorage(all, ['storage', 'presign', 's3://photos/a.txt', '--json'], {
      cwd,
    });
    const { url } = JSON.parse(presign.stdout) as { url: string };
    expect(presign.audit.map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(JSON.stringify(presign.audit)).not.toContain(url);

    const moved = await runStorage(
      all,
      ['storage', 'mv', 's3://photos/nope.txt', 'gs://archive/'],
      {
        cwd,
      },
    );
    expect(moved.code).toBe(1);
    expect(moved.audit.map((e) => [e.action, e.outcome])).toEqual([
      ['storage.move', 'pending'],
      ['storage.move', 'failure'],
    ]);
    expect(moved.audit[1]?.detail).toMatchObject({ code: 'not_found' });

    const removed = await runStorage(all, ['storage', 'rm', 's3://photos/a.txt', '--yes'], { cwd });
    expect(removed.audit.map((e) => [e.action, e.outcome, e.detail])).toEqual([
      ['storage.delete', 'pending', { uris: ['s3://photos/a.txt'], recursive: false }],
      ['storage.delete', 'success', { deleted: 1, errors: 0 }],
    ]);
  });

  it('reports a change as done, with a warning, when the audit log refuses its outcome', async () => {
    const { s3, all } = estate();
    const uri = 's3://photos/a.txt';
    const result = await runStorage(all, ['storage', 'class', uri, 'STANDARD_IA', '--json'], {
      cwd: tempCwd(),
      refuseOutcomes: 'database is locked',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ uri, storageClass: 'STANDARD_IA' });
    expect(result.stderr).toBe(
      `warning: ${uri}: ${UNAUDITED_OUTCOME_WARNING} (cause: database is locked)\n`,
    );
    const head = await s3.storage.headObject({
      connection: '',
      account: ACCOUNT,
      bucket: 'photos',
      key: 'a.txt',
    });
    expect(head.storageClass).toBe('STANDARD_IA');
    expect(result.audit.map((e) => [e.action, e.outcome])).toEqual([['storage.class', 'pending']]);
  });

  it("keeps a failed change's own error when the audit log refuses its outcome", async () => {
    const { all } = estate();
    const source = 's3://photos/nope.txt';
    const moved = await runStorage(all, ['storage', 'mv', source, 'gs://archive/'], {
      cwd: tempCwd(),
      refuseOutcomes: 'database is locked',
    });
    expect(moved.code).toBe(1);
    const [warning, error, ...rest] = moved.stderr.split('\n');
    expect(warning).toBe(
      `warning: gs://archive/: ${UNAUDITED_OUTCOME_WARNING} (cause: database is locked)`,
    );
    expect(error).toMatch(/^ccx: .*nope\.txt/);
    expect(error).not.toContain('database is locked');
    expect(rest).toEqual(['']);
    expect(moved.audit.map((e) => [e.action, e.outcome])).toEqual([['storage.move', 'pending']]);
  });

  it('records nothing for reads that change nothing', async () => {
    const { all } = estate();
    const listed = await runStorage(all, ['storage', 'ls', 's3://photos/'], { cwd: tempCwd() });
    expect(listed.code).toBe(0);
    expect(listed.audit).toEqual([]);
  });
});
