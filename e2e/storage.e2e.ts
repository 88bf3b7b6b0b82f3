import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eEstate, type E2eEstate } from './harness';
import { signIn } from './sign-in';

let estate: E2eEstate;

interface ConnectionView {
  name: string;
  provider: string;
}
interface BucketView {
  connection: string;
  account: string;
  bucket: string;
  provider: string;
}

beforeAll(async () => {
  estate = await startE2eEstate({ transitionMs: 500 });
});

afterAll(async () => {
  await estate?.close();
});

/** A name no renderer may turn into markup; the page must show it as text. */
const FILE_NAME = `e2e <img src=x onerror=alert(1)>.txt`;
const FILE_TEXT = 'bytes uploaded by the browser test\n';

function bucketPath(bucket: BucketView, prefix = ''): string {
  const base = ['', 'storage', bucket.connection, bucket.account, bucket.bucket]
    .map((part) => encodeURIComponent(part))
    .join('/');
  return `${base}/${prefix.split('/').map(encodeURIComponent).join('/')}`;
}

/** Reads the API as the signed-in page does (same cookies), to pick buckets from the seed. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${estate.server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/**
 * Drops one file on the listing the way a desktop drag does: a DataTransfer built in the page.
 * Sent as page source text (the test's own types have no DOM), with the file as JSON in it.
 */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(`((file) => {
    const zone = document.querySelector('[data-testid="upload-zone"]');
    const transfer = new DataTransfer();
    transfer.items.add(new File([file.text], file.name, { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  })(${JSON.stringify({ name, text })})`);
}

/**
 * Fetches a presigned URL from outside the browser, as whoever it was handed to would. The
 * sandbox serves some clouds over TLS with its own CA, which this client is told to trust.
 */
function fetchOutside(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    };
    const request = url.startsWith('https:')
      ? httpsGet(url, { ca: estate.sandbox.caPem }, onResponse)
      : httpGet(url, onResponse);
    request.on('error', reject);
  });
}

function objectRow(page: Page, text: string) {
  return page.getByTestId('object-row').filter({ hasText: text });
}

describe('storage browser in a real browser', () => {
  it('an operator uploads by drag and drop, moves the file to GCS, presigns it and sees PII found by a scan', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    let scriptRan = false;
    page.on('dialog', (dialog) => {
      scriptRan = true; // an alert from a hostile name would mean it was rendered as markup
      void dialog.dismiss();
    });
    await signIn(page, estate.server.url, estate.users.operator, '/storage');

    const { items: connections } = await apiGet<{ items: ConnectionView[] }>(
      page,
      '/api/storage/connections',
    );
    const gcsConnection = connections.find((connection) => connection.provider === 'gcp');
    expect(gcsConnection, 'the demo config has a GCS connection').toBeDefined();
    const { items: buckets } = await apiGet<{ items: BucketView[] }>(page, '/api/storage/buckets');
    const s3 = buckets.find(
      (bucket) => bucket.provider === 'aws' && bucket.bucket.includes('customer-exports'),
    );
    const gcs = buckets.find(
      (bucket) => bucket.provider === 'gcp' && bucket.connection === gcsConnection?.name,
    );
    expect(s3, 'a seeded S3 bucket of customer exports').toBeDefined();
    expect(gcs, 'a seeded GCS bucket').toBeDefined();
    if (!s3 || !gcs) return;

    // The bucket list shows every cloud; open the S3 bucket from it.
    await expect.poll(() => page.getByTestId('bucket-row').count()).toBeGreaterThan(1);
    await page
      .getByTestId('bucket-row')
      .filter({ hasText: s3.bucket })
      .getByRole('link', { name: s3.bucket, exact: true })
      .click();
    await page.waitForURL(`**${bucketPath(s3)}`);
    await expect
      .poll(() => page.getByTestId('breadcrumb').allTextContents())
      .toEqual(['Storage', s3.bucket]);

    // Upload by drag and drop, with its progress, and see the object listed.
    await dropFile(page, FILE_NAME, FILE_TEXT);
    const progress = page.getByTestId('upload-progress').filter({ hasText: FILE_NAME });
    await expect.poll(() => progress.getAttribute('data-status')).toBe('done');
    await expect.poll(() => objectRow(page, FILE_NAME).count()).toBe(1);

    // Move it to the GCS bucket: another connection, another cloud.
    await page.getByLabel(`Select ${FILE_NAME}`, { exact: true }).check();
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    const move = page.getByRole('dialog');
    await move.getByLabel('Target connection').selectOption(gcs.connection);
    await move
      .getByLabel('Target bucket')
      .selectOption({ label: `${gcs.bucket} (${gcs.account})` });
    expect(await move.getByLabel('Target key').inputValue()).toBe(FILE_NAME);
    await move.getByRole('button', { name: 'Move object' }).click();
    await expect.poll(() => page.getByTestId('storage-outcome').textContent()).toContain('Moved');
    await expect.poll(() => objectRow(page, FILE_NAME).count()).toBe(0);

    await page.goto(`${estate.server.url}${bucketPath(gcs)}`);
    await expect.poll(() => objectRow(page, FILE_NAME).count()).toBe(1);

    // Presign a GET for 15 minutes and fetch the URL from outside the browser.
    await page.getByLabel(`Select ${FILE_NAME}`, { exact: true }).check();
    await page.getByRole('button', { name: 'Presign', exact: true }).click();
    const presign = page.getByRole('dialog');
    await presign.getByLabel('GET').check();
    await presign.getByLabel('Expires in').selectOption({ label: '15 minutes' });
    await presign.getByRole('button', { name: 'Create URL' }).click();
    const urlField = presign.getByLabel('Presigned URL');
    await expect.poll(() => urlField.count()).toBe(1);
    const url = await urlField.inputValue();
    expect(url).toMatch(/^https?:\/\//);
    const fetched = await fetchOutside(url);
    expect(fetched.status).toBe(200);
    expect(fetched.text).toBe(FILE_TEXT);
    expect(await presign.textContent()).toMatch(/Expires/);
    await presign.getByRole('button', { name: 'Close' }).click();

    // A scan of seeded customer profiles finds personal data, shown on the objects.
    await page.goto(`${estate.server.url}${bucketPath(s3, 'profiles/')}`);
    await expect.poll(() => page.getByTestId('object-row').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('storage-outcome').textContent(), { timeout: 60_000 })
      .toMatch(/Scanned \d+/);
    await expect.poll(() => page.getByTestId('pii-badge').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('pii-badge').first().textContent()).toMatch(/^PII \d+$/);

    expect(scriptRan).toBe(false);
    await context.close();
  });

  it('a viewer browses with no upload, move, delete or presign', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(page, estate.server.url, estate.users.viewer, '/storage');
    await expect.poll(() => page.getByTestId('bucket-row').count()).toBeGreaterThan(0);
    await page.getByTestId('bucket-row').first().getByRole('link').first().click();
    await page.waitForURL('**/storage/*/*/*/');
    await expect.poll(() => page.getByRole('table', { name: 'Objects' }).count()).toBe(1);
    const mutating = page.getByRole('button', {
      name: /^(Upload|Move|Copy|Delete|Presign|Change class|Scan)$/,
    });
    expect(await mutating.count()).toBe(0);
    await context.close();
  });
});
