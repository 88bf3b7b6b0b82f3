import { describe, expect, it } from 'vitest';
import type { ComputeDetail, ComputeEntry, ComputePage } from '@ccx/api/contract';
import { createApiClient } from '../../api/client';
import { ADDRESS_TARGETS_PAGE, listAddressTargets } from '../../api/compute';
import { computeKeys } from '../../compute/query-keys';
import { renderInApp, textOf } from '../../testing/render-page';
import { ActionDialog } from './ActionDialog';
import { AssociateDialog } from './AssociateDialog';
import { DeployDialog, deployChange, taskDefinitionOf } from './DeployDialog';
import { ScaleDialog } from './ScaleDialog';
import {
  ACCOUNT,
  actionButtons,
  computeEntry as entry,
  hostile,
  idleDialog,
  renderComputeDetail as renderDetail,
  serviceEntry,
} from './compute-test-setup';

const service = serviceEntry();
const serviceAttributes = {
  taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/api:7`,
  taskCpu: '256',
  taskMemory: '512',
  containers: [
    { name: 'app', image: 'registry.example.com/api:1.0.0' },
    { name: 'proxy', image: hostile },
  ],
};

const address = entry({
  uid: `aws/${ACCOUNT}/us-east-1/ec2.address/eipalloc-0abc`,
  uri: `aws://${ACCOUNT}/us-east-1/ec2.address/eipalloc-0abc`,
  type: 'ec2.address',
  id: 'eipalloc-0abc',
  name: null,
  state: 'in-use',
  size: null,
});
const addressAttributes = {
  publicIp: '44.1.2.3',
  instanceId: 'i-0abc',
  associationId: 'eipassoc-1',
};

function detail(e: ComputeEntry, attributes: Record<string, unknown>): ComputeDetail {
  return { entry: e, attributes, findings: [], sizes: [], related: [], tasks: [] };
}

describe('actions on services and addresses', () => {
  it('offers a new revision beside Scale on a service, disabled for a viewer', () => {
    const operator = renderDetail(
      'operator',
      detail({ ...service, actions: ['compute.scale', 'compute.deploy'] }, serviceAttributes),
    );
    expect(actionButtons(operator)).toEqual({ Scale: false, 'New revision': false });
    const viewer = renderDetail('viewer', detail(service, serviceAttributes));
    expect(actionButtons(viewer)).toEqual({ Scale: true, 'New revision': true });
    expect(viewer).toContain('Your role does not allow actions');
    expect(viewer).not.toContain('<img');
  });

  it('offers Associate or Disassociate on an address as the server allows', () => {
    const held = renderDetail(
      'operator',
      detail({ ...address, actions: ['compute.disassociate-address'] }, addressAttributes),
    );
    expect(actionButtons(held)).toEqual({ Associate: true, Disassociate: false });
    const viewer = renderDetail('viewer', detail(address, addressAttributes));
    expect(actionButtons(viewer)).toEqual({ Associate: true, Disassociate: true });
  });
});

describe('new revision dialog', () => {
  const current = taskDefinitionOf(serviceAttributes);
  const form = {
    images: { app: 'registry.example.com/api:1.0.0', proxy: hostile },
    extra: { name: '', image: '' },
    cpu: '256',
    memory: '512',
  };

  it('prefills each container image and the task size from the inventory, as text', () => {
    const html = renderInApp(
      <DeployDialog entry={service} attributes={serviceAttributes} {...idleDialog} />,
    );
    expect(html).not.toContain('<img');
    expect(html.match(/data-testid="container-row"/g)).toHaveLength(2);
    expect(html).toContain('value="registry.example.com/api:1.0.0"');
    expect(textOf(html)).toContain('Image of app');
    expect(textOf(html)).toContain('task-definition/api:7');
    expect(html).toMatch(/value="256"/);
    // Nothing changed yet: the deploy cannot be sent.
    expect(html).toMatch(/<button[^>]*class="danger"[^>]*disabled/);
  });

  it('sends only what changed, and names the first field the server would refuse', () => {
    expect(deployChange(current, form)).toEqual({ change: null, problem: null });
    expect(
      deployChange(current, {
        ...form,
        images: { ...form.images, app: 'registry.example.com/api:1.1.0' },
        memory: '1024',
      }),
    ).toEqual({
      change: { images: { app: 'registry.example.com/api:1.1.0' }, memory: '1024' },
      problem: null,
    });
    expect(
      deployChange(current, { ...form, images: { ...form.images, app: 'api:1 ; rm -rf /' } })
        .problem,
    ).toBe('Not an image reference for app.');
    expect(deployChange(current, { ...form, cpu: 'lots' }).problem).toMatch(/^CPU is a number/);
    const unknown = taskDefinitionOf({ taskCpu: '256', taskMemory: '512' });
    expect(
      deployChange(unknown, {
        ...form,
        images: {},
        extra: { name: '<b>x</b>', image: 'nginx:1' },
      }).problem,
    ).toMatch(/^Not a container name/);
    expect(
      deployChange(unknown, { ...form, images: {}, extra: { name: 'web', image: 'nginx:1.27' } })
        .change,
    ).toEqual({ images: { web: 'nginx:1.27' } });
  });
});

describe('associate dialog', () => {
  /** Associate is offered only for an address that points at no instance. */
  const available: ComputeEntry = {
    ...address,
    state: 'available',
    actions: ['compute.associate-address'],
  };
  const availableAttributes = { publicIp: '44.1.2.3' };
  const targets = (items: ComputeEntry[], total = items.length): ComputePage => ({
    items,
    total,
    page: 1,
    pageSize: ADDRESS_TARGETS_PAGE,
    facets: { type: [], provider: [], state: [], region: [] },
  });
  function render(page: ComputePage) {
    return renderInApp(
      <AssociateDialog entry={available} attributes={availableAttributes} {...idleDialog} />,
      [[computeKeys.addressTargets(available, ''), page]],
    );
  }
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr[^>]*data-testid="instance-row".*?<\/tr>/gs)].map((m) => m[0]);

  it('lists the instances of its account and region to choose from', () => {
    const html = render(
      targets([
        entry({}),
        entry({
          uid: `aws/${ACCOUNT}/us-east-1/ec2.instance/i-0def`,
          id: 'i-0def',
          name: hostile,
          state: 'stopped',
        }),
      ]),
    );
    expect(html).not.toContain('<img');
    const rows = rowsOf(html);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).not.toMatch(/<input[^>]*disabled/);
    expect(textOf(html)).not.toContain('(current)');
    expect(textOf(rows[0] ?? '')).toContain('i-0abc');
    expect(textOf(rows[1] ?? '')).toContain('stopped');
    expect(textOf(html)).toContain('44.1.2.3');
    expect(html).toMatch(/<button[^>]*class="danger"[^>]*disabled/);
    // Every match fits on the page: nothing says some are left out.
    expect(html).not.toContain('data-testid="instance-count"');
  });

  it('offers a search, and says how many match when more do than it lists', () => {
    const html = render(targets([entry({})], 450));
    expect(html).toMatch(/<input[^>]*type="search"/);
    expect(rowsOf(html)).toHaveLength(1);
    expect(textOf(html)).toContain('Showing 1 of 450 instances');
  });

  it('asks the server for the instances matching the search, first by name', async () => {
    const asked: URL[] = [];
    const client = createApiClient({
      fetch: (input) => {
        asked.push(new URL(input instanceof Request ? input.url : input, 'http://ccx.test'));
        return Promise.resolve(Response.json(targets([])));
      },
    });
    await listAddressTargets(client, available, '  web <b> ');
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      type: 'ec2.instance',
      provider: 'aws',
      account: ACCOUNT,
      region: 'us-east-1',
      state: 'running,stopped',
      q: 'web <b>',
      sort: 'name',
      order: 'asc',
      page: '1',
      pageSize: String(ADDRESS_TARGETS_PAGE),
    });
    expect(computeKeys.addressTargets(available, ' web ')).toEqual(
      computeKeys.addressTargets(available, 'web'),
    );
  });

  it('says so when no instance of its account and region can take it', () => {
    const html = render(targets([]));
    expect(textOf(html)).toContain('No running or stopped instance in this account and region.');
  });
});

describe('action dialog frame', () => {
  /** The dialog's buttons: label → disabled. */
  const buttons = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].map((m) => [
        m[2] ?? '',
        /disabled/.test(m[1] ?? ''),
      ]),
    );
  const alerts = (html: string) =>
    [...html.matchAll(/<p[^>]*role="alert"[^>]*>(.*?)<\/p>/gs)].map((m) => textOf(m[1] ?? ''));

  it('confirms any value but null, a count of zero included', () => {
    const html = renderInApp(
      <ActionDialog title="Scale service api" confirmLabel="Scale to 0" value={0} {...idleDialog}>
        <p>form</p>
      </ActionDialog>,
    );
    expect(html).toMatch(/role="dialog"[^>]*aria-modal="true"/);
    expect(textOf(html)).toContain('Scale service api');
    expect(buttons(html)).toEqual({ Cancel: false, 'Scale to 0': false });
    expect(alerts(html)).toEqual([]);
  });

  it('says what the form refuses before what the server refused, and holds both buttons while sending', () => {
    const refused = renderInApp(
      <ActionDialog
        title="t"
        confirmLabel="Deploy revision"
        value={null}
        problem={`Not an image reference for ${hostile}.`}
        {...idleDialog}
        error="The service is busy"
      >
        <p>form</p>
      </ActionDialog>,
    );
    expect(refused).not.toContain('<img');
    expect(alerts(refused)).toEqual([
      `Not an image reference for ${hostile}.`,
      'The service is busy',
    ]);
    expect(buttons(refused)).toEqual({ Cancel: false, 'Deploy revision': true });
    const sending = renderInApp(
      <ActionDialog title="t" confirmLabel="Associate" value="u" {...idleDialog} busy>
        <p>form</p>
      </ActionDialog>,
    );
    expect(buttons(sending)).toEqual({ Cancel: true, 'Working…': true });
  });

  it('prefills the scale dialog with the current count, which is nothing to send', () => {
    const html = renderInApp(<ScaleDialog {...idleDialog} entry={service} attributes={{}} />);
    expect(textOf(html)).toMatch(/Desired 2 ?, running 2/);
    // The count is prefilled with the current one: nothing to send yet.
    expect(buttons(html)).toEqual({ Cancel: false, 'Scale to 2': true });
    expect(alerts(html)).toEqual([]);
  });
});
