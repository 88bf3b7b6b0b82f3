import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../api/client';
import type { ComputeDetail, ComputeEntry, ComputePage } from '../../api/schemas/compute';
import { ApiClientProvider } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { computeKeys } from '../../compute/query-keys';
import { computeHref } from '../../compute/url-state';
import { sessionFor, statusWith } from '../../testing/fixtures';
import { renderPage, textOf } from '../../testing/render-page';
import { AssociateDialog } from './AssociateDialog';
import { DeployDialog, deployChange, taskDefinitionOf } from './DeployDialog';

const hostile = '<img src=x onerror="alert(1)">';
const ACCOUNT = '111122223333';

function entry(overrides: Partial<ComputeEntry>): ComputeEntry {
  return {
    uid: `aws/${ACCOUNT}/us-east-1/ec2.instance/i-0abc`,
    uri: `aws://${ACCOUNT}/us-east-1/ec2.instance/i-0abc`,
    provider: 'aws',
    account: ACCOUNT,
    accountAlias: 'prod',
    region: 'us-east-1',
    type: 'ec2.instance',
    id: 'i-0abc',
    name: 'web-1',
    state: 'running',
    size: 'm5.large',
    desiredCount: null,
    runningCount: null,
    tags: {},
    sparkline: null,
    findings: { count: 0, monthlySaving: null },
    actions: [],
    ...overrides,
  };
}

const service = entry({
  uid: `aws/${ACCOUNT}/us-east-1/ecs.service/main%2Fapi`,
  uri: `aws://${ACCOUNT}/us-east-1/ecs.service/main%2Fapi`,
  type: 'ecs.service',
  id: 'main/api',
  name: 'api',
  state: 'active',
  size: null,
  desiredCount: 2,
  runningCount: 2,
});
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
  return { entry: e, attributes, findings: [], sizes: [], related: [] };
}

function renderDetail(role: 'viewer' | 'operator', data: ComputeDetail) {
  const uid = data.entry.uid;
  return renderPage(computeHref(uid), [
    [queryKeys.session, sessionFor(role)],
    [queryKeys.status, statusWith(true)],
    [computeKeys.detail(uid), data],
    [
      computeKeys.metrics(uid, '24h'),
      { range: '24h', periodSeconds: 300, source: 'provider', series: [] },
    ],
    [computeKeys.audit(uid), { items: [], total: 0 }],
  ]);
}

/** The buttons of the actions panel: label → disabled. */
function actionButtons(html: string): Record<string, boolean> {
  const panel = /<section[^>]*aria-label="Actions".*?<\/section>/s.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...panel.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].map((m) => [
      m[2] ?? '',
      /disabled/.test(m[1] ?? ''),
    ]),
  );
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
    const html = renderToString(
      <DeployDialog
        entry={service}
        attributes={serviceAttributes}
        busy={false}
        error={null}
        onCancel={() => undefined}
        onConfirm={() => undefined}
      />,
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
  function render(page: ComputePage) {
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, staleTime: Infinity } },
    });
    queryClient.setQueryData(['compute', 'address-targets', 'aws', ACCOUNT, 'us-east-1'], page);
    const client = createApiClient({
      fetch: () => Promise.reject(new Error('render tests do not fetch')),
    });
    return renderToString(
      <ApiClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <AssociateDialog
            entry={address}
            attributes={addressAttributes}
            busy={false}
            error={null}
            onCancel={() => undefined}
            onConfirm={() => undefined}
          />
        </QueryClientProvider>
      </ApiClientProvider>,
    );
  }

  it('lists the instances of its account and region to choose from, the current one disabled', () => {
    const items = [
      entry({}),
      entry({
        uid: `aws/${ACCOUNT}/us-east-1/ec2.instance/i-0def`,
        id: 'i-0def',
        name: hostile,
        state: 'stopped',
      }),
    ];
    const html = render({
      items,
      total: 2,
      page: 1,
      pageSize: 200,
      facets: { type: [], provider: [], state: [], region: [] },
    });
    expect(html).not.toContain('<img');
    const rows = [...html.matchAll(/<tr[^>]*data-testid="instance-row".*?<\/tr>/gs)].map(
      (m) => m[0],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/<input[^>]*disabled/);
    expect(textOf(rows[0] ?? '')).toContain('(current)');
    expect(rows[1]).not.toMatch(/<input[^>]*disabled/);
    expect(textOf(rows[1] ?? '')).toContain('stopped');
    expect(textOf(html)).toContain('44.1.2.3');
    expect(html).toMatch(/<button[^>]*class="danger"[^>]*disabled/);
  });

  it('says so when no instance of its account and region can take it', () => {
    const html = render({
      items: [],
      total: 0,
      page: 1,
      pageSize: 200,
      facets: { type: [], provider: [], state: [], region: [] },
    });
    expect(textOf(html)).toContain('No running or stopped instance in this account and region.');
  });
});
