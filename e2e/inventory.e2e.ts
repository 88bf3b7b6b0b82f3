import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredResource } from '@ccx/store';
import { startE2eEstate, type E2eEstate } from './harness';
import { signIn as signInAt, type Credentials } from './sign-in';

let estate: E2eEstate;
let target: StoredResource;

const signIn = (page: Page, user: Credentials, path: string) =>
  signInAt(page, estate.server.url, user, path);

function resourcePath(uid: string): string {
  return `/resources/${encodeURIComponent(uid)}`;
}

beforeAll(async () => {
  estate = await startE2eEstate({ transitionMs: 500 });
  const running = await estate.server.store.resources.query({
    type: ['ec2.instance'],
    state: ['running'],
    sort: { field: 'name', dir: 'asc' },
    offset: 0,
    limit: 1,
  });
  target = running.items[0]!;
});

afterAll(async () => {
  await estate?.close();
});

describe('inventory in a real browser', () => {
  it('an operator filters, opens an instance, stops it, follows it until stopped and sees the audit entries', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(page, estate.users.operator, '/inventory');
    await expect.poll(() => page.getByTestId('resource-row').count()).toBeGreaterThan(10);
    // Accounts are named by their configured alias, with the id beside it.
    const alias = estate.sandbox.accounts.find((account) => account.id === target.account)!.alias;
    await page.getByLabel('Search').fill(target.id);
    await expect
      .poll(() => page.getByTestId('resource-row').first().textContent())
      .toContain(`${alias} (${target.account})`);
    await page.getByLabel('Search').fill('');

    await page.getByLabel('State').selectOption('running');
    await page.getByLabel('Search').fill(target.id);
    // Open the row from the committed search (its `q` in the URL), so the row clicked and the
    // list Back returns to are the search's whatever the typing's timing.
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(target.id);
    await expect.poll(() => page.getByTestId('resource-row').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('state')).toBe('running');
    expect(await page.getByTestId('resource-row').first().getAttribute('data-uid')).toBe(
      target.uid,
    );
    await page.getByTestId('resource-row').first().click();
    await page.waitForURL(`**${resourcePath(target.uid)}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain(target.name ?? target.id);

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(target.id);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    // The server runs the stop in the background; the page follows it until it is stopped.
    const operation = page.getByTestId('operation');
    await expect
      .poll(() => operation.getAttribute('data-status'), { timeout: 30_000 })
      .toBe('succeeded');
    expect(await page.getByTestId('operation-state').textContent()).toBe('stopped');

    // The action re-read the instance into the inventory (no sync needed), so the list
    // filtered to running ones no longer has it.
    await page.goBack();
    await expect.poll(() => page.getByTestId('resource-row').count()).toBe(0);
    await page.goto(`${estate.server.url}${resourcePath(target.uid)}`);
    await expect.poll(() => page.getByLabel('Summary').textContent()).toContain('stopped');
    await expect
      .poll(() => page.getByTestId('history-item').first().textContent())
      .toMatch(/state/);

    await page.goto(`${estate.server.url}/activity`);
    const rows = page.getByTestId('audit-row').filter({ hasText: 'compute.stop' });
    await expect.poll(() => rows.filter({ hasText: 'success' }).count()).toBe(1);
    await expect.poll(() => rows.filter({ hasText: 'pending' }).count()).toBe(1);
    await context.close();

    const stored = await estate.server.store.resources.get(target.uid);
    expect(stored?.state).toBe('stopped');
  });

  it('a viewer gets no stop button and a 403 from the API', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(page, estate.users.viewer, resourcePath(target.uid));
    await expect.poll(() => page.getByLabel('Summary').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^(Stop|Start|Reboot)$/ }).count()).toBe(0);

    const me = (await (await page.request.get(`${estate.server.url}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const response = await page.request.post(
      `${estate.server.url}/api/resources/${encodeURIComponent(target.uid)}/actions`,
      {
        data: { action: 'compute.start' },
        headers: { 'x-csrf-token': me.csrfToken },
      },
    );
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    await context.close();
  });
});
