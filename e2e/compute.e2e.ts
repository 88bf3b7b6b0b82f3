import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eEstate, type E2eEstate } from './harness';
import { signIn } from './sign-in';

let estate: E2eEstate;

/** The fields of `GET /api/compute*` this test reads. */
interface Entry {
  uid: string;
  name: string | null;
  id: string;
  state: string | null;
  size: string | null;
  desiredCount: number | null;
  runningCount: number | null;
}
interface Detail {
  entry: Entry;
  sizes: { name: string }[];
}

/** Sandbox transitions (pending → running, stopping → stopped, task starts) take this long. */
const TRANSITION_MS = 100;
/** Long enough for a whole resize (stop, modify, start) at that pace, with room to spare. */
const SETTLE = { timeout: 60_000, interval: 250 };

beforeAll(async () => {
  estate = await startE2eEstate({ transitionMs: TRANSITION_MS });
});

afterAll(async () => {
  await estate?.close();
});

function computePath(uid: string): string {
  return `/compute/${encodeURIComponent(uid)}`;
}

/** Reads the API with the signed-in page's cookies, as the app itself does. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${estate.server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

const detailOf = (page: Page, uid: string) =>
  apiGet<Detail>(page, `/api/compute/${encodeURIComponent(uid)}`);

describe('compute in a real browser', () => {
  it('an operator resizes a running instance and scales a service, and sees both in the audit log', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    let scriptRan = false;
    page.on('dialog', (dialog) => {
      scriptRan = true; // an alert would mean some name was rendered as markup
      void dialog.dismiss();
    });
    await signIn(page, estate.server.url, estate.users.operator, '/compute');
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(1);

    // --- Resize a running EC2 instance: it is stopped, resized and started again.
    const instances = await apiGet<{ items: Entry[] }>(
      page,
      '/api/compute?type=ec2.instance&state=running&pageSize=50',
    );
    let instance: Entry | undefined;
    let newSize: string | undefined;
    for (const candidate of instances.items) {
      const { sizes } = await detailOf(page, candidate.uid);
      // Another size of the same family (m5.large → m5.xlarge), else any other on offer.
      const family = candidate.size?.split('.')[0];
      const others = sizes.filter((size) => size.name !== candidate.size);
      newSize = (others.find((size) => size.name.split('.')[0] === family) ?? others[0])?.name;
      if (newSize) {
        instance = candidate;
        break;
      }
    }
    expect(instance, 'a running instance with another size to move to').toBeDefined();
    if (!instance || !newSize) return;

    await page.goto(`${estate.server.url}${computePath(instance.uid)}`);
    await expect.poll(() => page.getByTestId('compute-size').textContent()).toBe(instance.size);
    await page.getByRole('button', { name: 'Resize', exact: true }).click();
    const resize = page.getByRole('dialog');
    await resize.getByRole('radio', { name: newSize, exact: true }).check();
    await resize.getByRole('button', { name: `Resize to ${newSize}` }).click();

    const operation = page.getByTestId('operation');
    await expect.poll(() => operation.getAttribute('data-status'), SETTLE).toBe('succeeded');
    const steps: (string | null)[] = [];
    for (const item of await operation.getByTestId('operation-step').all()) {
      steps.push(await item.getAttribute('data-step'));
    }
    // The steps in the order they happened (a provider may report a step more than once).
    const order = ['stopping', 'stopped', 'modifying', 'starting', 'running'];
    const seen = order.map((step) => steps.indexOf(step));
    expect(
      seen.every((index) => index >= 0),
      `steps ${steps.join(' → ')}`,
    ).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await page.getByTestId('operation-size').textContent()).toBe(newSize);
    expect(await page.getByTestId('operation-state').textContent()).toBe('running');
    // The page re-reads the resource once the action ends.
    await expect.poll(() => page.getByTestId('compute-size').textContent()).toBe(newSize);
    await expect.poll(() => page.getByTestId('compute-state').textContent()).toBe('running');
    const resized = await detailOf(page, instance.uid);
    expect(resized.entry).toMatchObject({ size: newSize, state: 'running' });

    // --- Scale an ECS service: the desired count changes and the running count follows.
    const services = await apiGet<{ items: Entry[] }>(
      page,
      '/api/compute?type=ecs.service&state=active&pageSize=50',
    );
    const service = services.items.find(
      (item) => item.desiredCount !== null && item.desiredCount === item.runningCount,
    );
    expect(service, 'a settled ECS service').toBeDefined();
    if (!service) return;
    const count = (service.desiredCount ?? 0) + 1;

    await page.goto(`${estate.server.url}${computePath(service.uid)}`);
    await page.getByRole('button', { name: 'Scale', exact: true }).click();
    const scale = page.getByRole('dialog');
    await scale.getByLabel('Desired count').fill(String(count));
    await scale.getByRole('button', { name: `Scale to ${count}` }).click();
    await expect
      .poll(() => page.getByTestId('operation').getAttribute('data-status'), SETTLE)
      .toBe('succeeded');
    await expect
      .poll(() => page.getByTestId('compute-counts').textContent())
      .toBe(`${count} running of ${count} desired`);
    const scaled = await detailOf(page, service.uid);
    expect(scaled.entry).toMatchObject({ desiredCount: count, runningCount: count });

    // --- Both actions are in the audit log: pending before the call, success after it.
    await page.goto(`${estate.server.url}/activity`);
    for (const action of ['compute.resize', 'compute.scale']) {
      const rows = page.getByTestId('audit-row').filter({ hasText: action });
      await expect.poll(() => rows.filter({ hasText: 'success' }).count()).toBe(1);
      await expect.poll(() => rows.filter({ hasText: 'pending' }).count()).toBe(1);
    }
    expect(scriptRan).toBe(false);
    await context.close();
  });

  it('an operator starts two stopped instances from the list with one confirmation', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(
      page,
      estate.server.url,
      estate.users.operator,
      '/compute?type=ec2.instance&state=stopped&sort=name',
    );
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(1);
    const rows = page.getByTestId('compute-row');
    const uids = [
      await rows.nth(0).getAttribute('data-uid'),
      await rows.nth(1).getAttribute('data-uid'),
    ];
    for (const index of [0, 1]) await rows.nth(index).getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('2 selected');

    await page.getByRole('button', { name: 'Start (2)' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('bulk-plan').locator('li').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Start 2' }).click();

    // Each operation is followed to its end (the rows themselves leave the list of stopped
    // instances once they run, so the progress is also listed above the table).
    for (const uid of uids) {
      const progress = page.locator(`[data-testid="bulk-operation"][data-uid="${uid ?? ''}"]`);
      await expect
        .poll(
          () =>
            progress.getByTestId('row-operation').getAttribute('data-status', { timeout: 1000 }),
          SETTLE,
        )
        .toBe('succeeded');
    }
    for (const uid of uids) {
      const started = await detailOf(page, uid ?? '');
      expect(started.entry.state).toBe('running');
    }
    await context.close();
  });

  it('a viewer sees the actions of an instance, all disabled', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await signIn(page, estate.server.url, estate.users.viewer, '/compute?type=ec2.instance');
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(0);
    await page.getByTestId('compute-row').first().getByRole('link').click();
    const actions = page.getByRole('region', { name: 'Actions' });
    await expect.poll(() => actions.getByRole('button').count()).toBe(4);
    expect(await actions.getByRole('button', { disabled: false }).count()).toBe(0);
    await context.close();
  });
});
