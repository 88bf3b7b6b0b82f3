import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eEstate, type E2eEstate } from './harness';
import { signIn, type Credentials } from './sign-in';

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
  entry: Entry & { account: string; region: string; actions: string[] };
  sizes: { name: string }[];
  attributes: Record<string, unknown>;
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

/** A browser context of its own, signed in as `user` and at `path`. */
async function signedIn(user: Credentials, path: string) {
  const context = await estate.browser.newContext();
  const page = await context.newPage();
  await signIn(page, estate.server.url, user, path);
  return { context, page };
}

/** The compute list through the API (`query` as the page's own: `type=…&state=…`). */
const listCompute = async (page: Page, query: string): Promise<Entry[]> =>
  (await apiGet<{ items: Entry[] }>(page, `/api/compute?${query}`)).items;

/** What `pick` finds for the first of `items` it finds anything for, asking in order. */
async function firstPick<T, R>(
  items: readonly T[],
  pick: (item: T) => Promise<R | undefined>,
): Promise<R | undefined> {
  for (const item of items) {
    const found = await pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Waits for the `label` action's progress on the page to succeed and the page to show the
 * resource in `state`, then reads the resource through the API.
 */
async function settledAfter(page: Page, label: string, uid: string, state: string) {
  const progress = page.getByRole('region', { name: `${label} progress`, exact: true });
  await expect.poll(() => progress.getAttribute('data-status'), SETTLE).toBe('succeeded');
  await expect.poll(() => page.getByTestId('compute-state').textContent()).toBe(state);
  const detail = await detailOf(page, uid);
  expect(detail.entry.state).toBe(state);
  return detail;
}

/** The step names an operation's progress lists, in the order it lists them. */
async function stepsOf(operation: ReturnType<Page['getByTestId']>): Promise<(string | null)[]> {
  const steps: (string | null)[] = [];
  for (const item of await operation.getByTestId('operation-step').all()) {
    steps.push(await item.getAttribute('data-step'));
  }
  return steps;
}

/** The audit log has one `pending` and one `success` entry for `action`. */
async function expectAudited(page: Page, action: string): Promise<void> {
  await page.goto(`${estate.server.url}/activity`);
  const rows = page.getByTestId('audit-row').filter({ hasText: action });
  await expect.poll(() => rows.filter({ hasText: 'success' }).count()).toBe(1);
  await expect.poll(() => rows.filter({ hasText: 'pending' }).count()).toBe(1);
}

/** `family:revision` at the end of a task definition ARN, as a number; NaN when not there. */
const revisionOf = (taskDefinition: unknown): number =>
  typeof taskDefinition === 'string' ? Number(/:(\d+)$/.exec(taskDefinition)?.[1]) : NaN;

/** The same image at another tag (`…/api:v1.3.2` → `…/api:v2.0.0-e2e`). */
const retagged = (image: string): string => `${image.replace(/:[^:/]*$/, '')}:v2.0.0-e2e`;

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
    const steps = await stepsOf(operation);
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
    for (const action of ['compute.resize', 'compute.scale']) await expectAudited(page, action);
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
    expect(uids, 'row uids').not.toContain(null);
    expect(uids, 'row uids').not.toContain('');
    // Ticked by uid, not by position: the list may re-render between reading and ticking.
    for (const uid of uids)
      await page
        .locator(`[data-testid="compute-row"][data-uid="${uid ?? ''}"]`)
        .getByRole('checkbox')
        .check();
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

  it('an operator deploys a new revision of an ECS service with a changed image', async () => {
    const { context, page } = await signedIn(estate.users.operator, '/compute?type=ecs.service');
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(0);

    // A settled service whose task definition the inventory knows, containers and all.
    const services = await listCompute(page, 'type=ecs.service&state=active&sort=name');
    const service = await firstPick(services, async (item) => {
      if (item.desiredCount === null || item.desiredCount !== item.runningCount) return undefined;
      const detail = await detailOf(page, item.uid);
      const containers = detail.attributes['containers'];
      const known =
        detail.entry.actions.includes('compute.deploy') &&
        Array.isArray(containers) &&
        containers.length > 0 &&
        Number.isFinite(revisionOf(detail.attributes['taskDefinition']));
      return known ? detail : undefined;
    });
    expect(service, 'a settled ECS service with known containers').toBeDefined();
    if (!service) return;
    const [container] = service.attributes['containers'] as { name: string; image: string }[];
    if (!container) return;
    const revision = revisionOf(service.attributes['taskDefinition']);
    const image = retagged(container.image);

    await page.goto(`${estate.server.url}${computePath(service.entry.uid)}`);
    await page.getByRole('button', { name: 'New revision', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel(`Image of ${container.name}`, { exact: true });
    expect(await field.inputValue()).toBe(container.image);
    // Nothing changed yet: there is nothing to deploy.
    expect(await dialog.getByRole('button', { name: 'Deploy revision' }).isDisabled()).toBe(true);
    await field.fill(image);
    await dialog.getByRole('button', { name: 'Deploy revision' }).click();

    // The dialog closes once the server accepted the deploy; its progress follows the rollout.
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const deployed = await settledAfter(page, 'Deploy', service.entry.uid, 'active');
    expect(revisionOf(deployed.attributes['taskDefinition'])).toBe(revision + 1);
    expect(deployed.attributes['containers']).toContainEqual({ name: container.name, image });
    const operation = page.getByRole('region', { name: 'Deploy progress', exact: true });
    const steps = await stepsOf(operation);
    const registered = steps.indexOf('registered');
    const stable = steps.indexOf('stable');
    expect(registered, `steps ${steps.join(' → ')}`).toBeGreaterThanOrEqual(0);
    expect(stable, `steps ${steps.join(' → ')}`).toBeGreaterThan(registered);

    // The page re-reads the service: the next dialog starts from the new revision and image.
    const attributes = page.getByRole('region', { name: 'Attributes', exact: true });
    await attributes.getByText('Attributes', { exact: true }).click();
    const row = attributes.getByRole('row', { name: /^taskDefinition / });
    await expect.poll(() => row.textContent()).toMatch(new RegExp(`:${revision + 1}$`));
    await page.getByRole('button', { name: 'New revision', exact: true }).click();
    await expect
      .poll(() => page.getByRole('dialog').getByLabel(`Image of ${container.name}`).inputValue())
      .toBe(image);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await expectAudited(page, 'compute.deploy');
    await context.close();
  });

  it('an operator associates an Elastic IP found in the inventory with an instance, then disassociates it', async () => {
    const { context, page } = await signedIn(estate.users.operator, '/inventory');

    // An unassociated address, and an instance of its account and region to point it at.
    const addresses = await listCompute(page, 'type=ec2.address&state=available&sort=name');
    const found = await firstPick(addresses, async (item) => {
      const detail = await detailOf(page, item.uid);
      if (!detail.entry.actions.includes('compute.associate-address')) return undefined;
      const { account, region } = detail.entry;
      const [instance] = await listCompute(
        page,
        `type=ec2.instance&account=${account}&region=${region}&state=running,stopped&sort=name`,
      );
      return instance ? { address: detail, target: instance } : undefined;
    });
    expect(found, 'an unassociated address beside an instance').toBeDefined();
    if (!found) return;
    const { address, target } = found;
    const instanceId = target.id;

    // From its inventory record to its compute page, where its actions are.
    await page.goto(`${estate.server.url}/resources/${encodeURIComponent(address.entry.uid)}`);
    await page.getByRole('link', { name: /on the Compute page/ }).click();
    await page.waitForURL((url) => url.pathname === computePath(address.entry.uid));
    await expect.poll(() => page.getByTestId('compute-state').textContent()).toBe('available');
    const actions = page.getByRole('region', { name: 'Actions' });
    expect(await actions.getByRole('button', { name: 'Disassociate' }).isDisabled()).toBe(true);

    await actions.getByRole('button', { name: 'Associate', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const row = dialog.getByTestId('instance-row').filter({ hasText: instanceId });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('radio').check();
    await dialog.getByRole('button', { name: 'Associate', exact: true }).click();

    const associated = await settledAfter(page, 'Associate', address.entry.uid, 'in-use');
    expect(associated.attributes['instanceId']).toBe(instanceId);

    // Now Disassociate is offered, and confirmed in a dialog that names the instance.
    const disassociate = actions.getByRole('button', { name: 'Disassociate', exact: true });
    await expect.poll(() => disassociate.isEnabled()).toBe(true);
    await disassociate.click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.textContent()).toContain(`associated with ${instanceId}`);
    await confirm.getByRole('button', { name: 'Disassociate', exact: true }).click();

    const released = await settledAfter(page, 'Disassociate', address.entry.uid, 'available');
    expect(released.attributes['instanceId'] ?? null).toBeNull();
    expect(released.entry.actions).toContain('compute.associate-address');
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
