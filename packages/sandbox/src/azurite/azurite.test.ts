import { spawn } from 'node:child_process';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../start-sandbox';
import { tempStateDir } from '../testing/temp-dir';
import type { SandboxHandle } from '../handle';
import { sandboxAzureAccounts } from './accounts';
import { SEED_MODIFIED_METADATA } from './seed-azurite';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

function serviceFor(handle: SandboxHandle, index: number): BlobServiceClient {
  const account = handle.azure!.accounts[index]!;
  return new BlobServiceClient(
    `${handle.azure!.blobUrl}/${account.name}`,
    new StorageSharedKeyCredential(account.name, account.key),
  );
}

describe('sandbox Azure Blob (Azurite)', () => {
  let handle: SandboxHandle;
  beforeAll(async () => {
    handle = await startSandbox({
      stateDir: tempStateDir('azurite'),
      azure: true,
      azureScale: 0.2,
    });
  });
  afterAll(() => handle?.stop());

  it('serves two storage accounts on loopback, with seed-derived keys', () => {
    expect(handle.azure?.blobUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(handle.azure?.accounts.map((account) => account.name)).toEqual([
      'ccxsandboxprod',
      'ccxsandboxdata',
    ]);
    expect(handle.azure?.accounts).toEqual(sandboxAzureAccounts(42));
    expect(sandboxAzureAccounts(7)[0]?.key).not.toBe(sandboxAzureAccounts(42)[0]?.key);
  });

  it('seeds containers with access level, metadata, tiers, tags and the seed time', async () => {
    const containers: { name: string; access: string | undefined; tags: object }[] = [];
    for await (const item of serviceFor(handle, 0).listContainers({ includeMetadata: true }))
      containers.push({
        name: item.name,
        access: item.properties.publicAccess,
        tags: item.metadata ?? {},
      });
    expect(containers.map((container) => container.name).sort()).toEqual([
      'invoices',
      'public-media',
    ]);
    expect(containers.find((c) => c.name === 'public-media')?.access).toBe('blob');
    expect(containers.find((c) => c.name === 'invoices')?.access).toBeUndefined();
    expect(containers[0]?.tags).toHaveProperty('purpose');

    const tiers = new Set<string>();
    let total = 0;
    for (const index of [0, 1]) {
      for await (const container of serviceFor(handle, index).listContainers()) {
        const client = serviceFor(handle, index).getContainerClient(container.name);
        for await (const blob of client.listBlobsFlat({
          includeMetadata: true,
          includeTags: true,
        })) {
          total++;
          if (blob.properties.accessTier) tiers.add(blob.properties.accessTier);
          expect(Date.parse(blob.metadata?.[SEED_MODIFIED_METADATA] ?? '')).toBeLessThanOrEqual(
            Date.now(),
          );
        }
      }
    }
    expect(total).toBe(handle.azure?.seededBlobs);
    expect(total).toBeGreaterThan(20);
    expect(tiers.has('Hot')).toBe(true);
    expect(tiers.size).toBeGreaterThan(1);
  });

  it('refuses a request signed with another account key', async () => {
    const [first, second] = handle.azure!.accounts;
    const wrong = new BlobServiceClient(
      `${handle.azure!.blobUrl}/${first!.name}`,
      new StorageSharedKeyCredential(first!.name, second!.key),
      { retryOptions: { maxTries: 1 } },
    );
    await expect(wrong.getContainerClient('invoices').getProperties()).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('is off unless asked for', async () => {
    const plain = await startSandbox({ stateDir: tempStateDir('no-azurite') });
    expect(plain.azure).toBeNull();
    await plain.stop();
  });
});

describe('Azurite lifetime', () => {
  it('stops with the sandbox', async () => {
    const handle = await startSandbox({
      stateDir: tempStateDir('azurite-stop'),
      azure: true,
      azureScale: 0,
    });
    const port = Number(new URL(handle.azure!.blobUrl).port);
    await handle.stop();
    const client = new BlobServiceClient(`http://127.0.0.1:${port}/x`, undefined, {
      retryOptions: { maxTries: 1 },
    });
    await expect(client.getProperties()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('dies with a parent that is killed without stopping it', async () => {
    // A parent process that starts Azurite, prints its pid, then waits to be killed.
    const script = [
      `const { startAzurite } = await import(${JSON.stringify(new URL('./launch-azurite.ts', import.meta.url).href)});`,
      `const { sandboxAzureAccounts } = await import(${JSON.stringify(new URL('./accounts.ts', import.meta.url).href)});`,
      `const azurite = await startAzurite({ host: '127.0.0.1', accounts: sandboxAzureAccounts(1) });`,
      `console.log(azurite.pid); setInterval(() => {}, 1000);`,
    ].join('\n');
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.setEncoding('utf8');
      parent.stdout.on('data', (line: string) => resolve(Number(line.trim())));
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    expect(isAlive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await until(() => !isAlive(childPid), 5000)).toBe(true);
  });
});
