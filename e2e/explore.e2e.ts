import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ResourceFilter } from '@ccx/store';
import { startE2eEstate, type E2eEstate } from './harness';
import { signIn } from './sign-in';

let estate: E2eEstate;

beforeAll(async () => {
  estate = await startE2eEstate({ transitionMs: 500 });
});

afterAll(async () => {
  await estate?.close();
});

const PAGE = 10;

/** The uids the store itself returns for one page, in the order the table must show them. */
async function expectedPage(filter: ResourceFilter, offset: number) {
  const { items, total } = await estate.server.store.resources.query({
    ...filter,
    sort: { field: 'id', dir: 'asc' },
    offset,
    limit: PAGE,
  });
  return { uids: items.map((item) => item.uid), total };
}

async function rowUids(page: Page): Promise<(string | null)[]> {
  const rows = await page.getByTestId('resource-row').all();
  return Promise.all(rows.map((row) => row.getAttribute('data-uid')));
}

describe('exploring the inventory in a real browser', () => {
  it('filters by tag and text on the server and pages with Next and Previous', async () => {
    // A tag and a search term taken from the synced estate, so the test follows the seed.
    const { items } = await estate.server.store.resources.query({ offset: 0, limit: 500 });
    const sample = items.find((item) => item.tags.team && item.tags.env);
    expect(sample).toBeDefined();
    const tag = `team:${sample!.tags.team}`;
    const q = sample!.tags.env!;
    const filter: ResourceFilter = { tags: [{ key: 'team', value: sample!.tags.team! }], q };
    const first = await expectedPage(filter, 0);
    const second = await expectedPage(filter, PAGE);
    expect(first.total).toBeGreaterThan(PAGE);

    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(page, estate.server.url, estate.users.viewer, `/inventory?sort=id&limit=${PAGE}`);
    await page.getByRole('textbox', { name: 'Tag filter' }).fill(tag);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Tag filters' }).textContent())
      .toContain(tag);
    await page.getByRole('searchbox', { name: 'Search' }).fill(q);

    await expect
      .poll(() => page.getByTestId('inventory-total').textContent())
      .toBe(`${first.total} resources`);
    await expect.poll(() => rowUids(page)).toEqual(first.uids);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('tag')).toEqual([tag]);
    expect(url.searchParams.get('q')).toBe(q);
    expect(await page.getByTestId('pager-range').textContent()).toBe(`1–${PAGE} of ${first.total}`);

    // Next asks the server for the second page; the browser never holds more than one page.
    const nextRequest = page.waitForRequest(
      (request) =>
        request.url().includes('/api/resources?') &&
        new URL(request.url()).searchParams.get('offset') === String(PAGE),
    );
    await page.getByRole('button', { name: 'Next' }).click();
    const sent = new URL((await nextRequest).url()).searchParams;
    expect(sent.get('limit')).toBe(String(PAGE));
    expect(sent.get('q')).toBe(q);
    expect(sent.getAll('tag')).toEqual([tag]);
    await expect.poll(() => rowUids(page)).toEqual(second.uids);
    expect(await page.getByTestId('pager-range').textContent()).toBe(
      `${PAGE + 1}–${Math.min(2 * PAGE, first.total)} of ${first.total}`,
    );

    await page.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => rowUids(page)).toEqual(first.uids);
    expect(await page.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);

    // Removing the tag widens the result to the text search alone.
    const searchOnly = await expectedPage({ q }, 0);
    await page.getByRole('button', { name: `Remove tag filter ${tag}` }).click();
    await expect
      .poll(() => page.getByTestId('inventory-total').textContent())
      .toBe(`${searchOnly.total} resources`);
    await expect.poll(() => rowUids(page)).toEqual(searchOnly.uids);
    await context.close();
  });

  it('shows a sync live as it runs, from the event stream', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(page, estate.server.url, estate.users.operator, '/');
    const panel = page.getByTestId('sync-panel');
    await expect.poll(() => panel.textContent()).toContain('live');

    // Latency on every sandbox call keeps the run going long enough to be seen running.
    estate.sandbox.setFaults('latency=150');
    try {
      await panel.getByRole('button', { name: 'Sync now' }).click();
      const progress = page.getByTestId('sync-progress');
      await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toContain('Running');
      await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toContain('Finished');
    } finally {
      estate.sandbox.setFaults('');
    }
    const [run] = await estate.server.store.syncRuns.list(1);
    expect(run?.status).toBe('succeeded');
    expect(await page.getByTestId('sync-progress').textContent()).toContain(run!.id);
    const jobs = (await page.getByTestId('sync-jobs').textContent()) ?? '';
    const [done, total] = jobs.split('/').map((part) => Number(part.trim()));
    expect(total).toBeGreaterThan(0);
    expect(done).toBe(total);
    const live = await estate.server.store.resources.query({ offset: 0, limit: 1 });
    expect(Number(await page.getByTestId('sync-listed').textContent())).toBe(live.total);
    await context.close();
  });
});
