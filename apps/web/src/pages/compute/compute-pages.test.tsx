import { describe, expect, it } from 'vitest';
import type {
  ComputeDetail,
  ComputeEntry,
  ComputeMetrics,
  ComputePage,
  Operation,
} from '@ccx/api/contract';
import { ApiError } from '../../api/errors';
import { queryKeys } from '../../app/query-keys';
import { computeKeys } from '../../compute/query-keys';
import { computeHref, parseComputeParams } from '../../compute/url-state';
import { sessionFor, statusWith } from '../../testing/fixtures';
import { renderInApp, renderPage, textOf } from '../../testing/render-page';
import { planBulk } from './BulkActions';
import { OperationView } from './OperationProgress';
import { RowOperation } from './RowOperation';
import { ResizeDialog } from './ResizeDialog';
import {
  actionButtons,
  computeEntry,
  hostile,
  idleDialog,
  renderComputeDetail,
  renderWithFailures,
  serviceEntry,
} from './compute-test-setup';

const HOUR = 3600;
const now = Math.floor(Date.now() / 1000);

/** An instance with a CPU sparkline and a rightsizing that saves $210.24 a month. */
function entry(overrides: Partial<ComputeEntry> = {}): ComputeEntry {
  return computeEntry({
    size: 'm5.2xlarge',
    tags: { env: 'prod' },
    sparkline: {
      metric: 'cpu',
      periodSeconds: HOUR,
      timestamps: [now - 3 * HOUR, now - 2 * HOUR, now - HOUR],
      values: [10, 30, 20],
    },
    findings: { count: 1, monthlySaving: 210.24 },
    ...overrides,
  });
}

const service = serviceEntry({ desiredCount: 3, runningCount: 2 });

function listPage(items: ComputeEntry[], total = items.length): ComputePage {
  return {
    items,
    total,
    page: 1,
    pageSize: 50,
    facets: {
      type: [
        { value: 'ec2.instance', count: 1 },
        { value: 'ecs.service', count: 1 },
      ],
      provider: [{ value: 'aws', count: 2 }],
      state: [
        { value: 'running', count: 1 },
        { value: 'active', count: 1 },
      ],
      region: [{ value: 'us-east-1', count: 2 }],
    },
  };
}

function detail(overrides: Partial<ComputeDetail> = {}): ComputeDetail {
  return {
    entry: entry(),
    attributes: { instanceType: 'm5.2xlarge', note: hostile },
    findings: [
      {
        kind: 'compute.rightsizing',
        subject: 'i-0abc',
        severity: 'medium',
        title: 'Downsize m5.2xlarge to m5.large',
        evidence: {
          current: { type: 'm5.2xlarge', vcpu: 8, memoryGiB: 32, monthlyPrice: 280.32 },
          recommended: { type: 'm5.large', vcpu: 2, memoryGiB: 8, monthlyPrice: 70.08 },
          percentile: 99.5,
          headroom: 20,
          demand: 12.4,
          daily: [
            { day: '2026-11-01', value: 12.4, points: 24 },
            { day: '2026-11-02', value: 11, points: 24 },
          ],
        },
        estimatedMonthlyImpact: { amount: 210.24, currency: 'USD' },
        detectedAt: '2026-11-25T00:00:00Z',
      },
    ],
    sizes: [
      { name: 'm5.large', vcpu: 2, memoryGiB: 8, hourlyPrice: 0.096 },
      { name: 'm5.xlarge', vcpu: 4, memoryGiB: 16, hourlyPrice: 0.192 },
      { name: 'm5.2xlarge', vcpu: 8, memoryGiB: 32, hourlyPrice: 0.384 },
    ],
    related: [
      {
        uid: 'aws/111122223333/us-east-1/ec2.volume/vol-1',
        type: 'ec2.volume',
        id: 'vol-1',
        name: hostile,
        state: 'in-use',
      },
    ],
    tasks: [],
    ...overrides,
  };
}

function metrics(overrides: Partial<ComputeMetrics> = {}): ComputeMetrics {
  return {
    range: '24h',
    periodSeconds: 300,
    source: 'provider',
    series: [
      {
        metric: 'cpu',
        label: 'CPU',
        unit: 'percent',
        timestamps: [now - 900, now - 600, now - 300],
        values: [5, 50, 25],
      },
      {
        metric: 'networkIn',
        label: 'Network in',
        unit: 'bytes',
        timestamps: [now - 900, now - 300],
        values: [1024, 4096],
      },
      { metric: 'networkOut', label: 'Network out', unit: 'bytes', timestamps: [], values: [] },
    ],
    ...overrides,
  };
}

function renderDetail(role: 'viewer' | 'operator', data: ComputeDetail, answer = metrics()) {
  return renderComputeDetail(role, data, answer);
}

describe('compute list', () => {
  it('shows the page the server returned, with sizes, counts, sparklines and savings', () => {
    const search = 'state=running,active&sort=saving&order=desc';
    const view = parseComputeParams(new URLSearchParams(search));
    const html = renderPage(`/compute?${search}`, [
      [queryKeys.session, sessionFor('operator')],
      [queryKeys.status, statusWith(true)],
      [computeKeys.list(view), listPage([entry({ name: hostile }), service], 120)],
    ]);
    expect(html).not.toContain('<img');
    expect(html.match(/data-testid="compute-row"/g)).toHaveLength(2);
    const rows = [...html.matchAll(/<tr[^>]*data-testid="compute-row".*?<\/tr>/gs)].map((m) =>
      textOf(m[0]),
    );
    expect(rows[0]).toContain('m5.2xlarge');
    expect(rows[0]).toContain('prod (111122223333)');
    expect(rows[0]).toMatch(/\$210\.24\/mo/);
    expect(rows[1]).toContain('2 / 3'); // running / desired for a service
    expect(rows[1]).not.toContain('/mo');
    // One sparkline (the service has none), named by its figures for screen readers.
    expect(html.match(/data-testid="sparkline"/g)).toHaveLength(1);
    expect(textOf(html)).toContain('average 20 %, peak 30 %, latest 20 %');
    expect(html).toMatch(/aria-sort="descending"[^>]*><button[^>]*>Saving/);
    expect(html).toContain(`href="${computeHref(entry().uid).replace(/%/g, '%')}"`);
    expect(textOf(html)).toContain('1–50 of 120');
    const state = /<select[^>]*name="state"[^>]*>.*?<\/select>/s.exec(html)?.[0] ?? '';
    expect(state.match(/<option[^>]*selected/g)).toHaveLength(2);
    expect(html).toContain('data-testid="sandbox-badge"');
  });

  it('says an empty filtered list matches nothing, and an empty estate needs a sync', () => {
    const filtered = parseComputeParams(new URLSearchParams('q=nothing'));
    const none = renderPage('/compute?q=nothing', [
      [queryKeys.session, sessionFor('viewer')],
      [computeKeys.list(filtered), listPage([])],
    ]);
    expect(textOf(none)).toContain('No compute resources match these filters.');
    const empty = parseComputeParams(new URLSearchParams(''));
    const fresh = renderPage('/compute', [
      [queryKeys.session, sessionFor('viewer')],
      [computeKeys.list(empty), listPage([])],
    ]);
    expect(textOf(fresh)).toContain('run a sync');
  });

  it('says why the API refused an order, keeps the filters and links back to the default order', () => {
    const search = 'q=web&state=running,stopped&sort=size&order=desc&page=3&pageSize=100';
    const view = parseComputeParams(new URLSearchParams(search));
    const defaultOrder = { ...view, sort: null, order: 'asc' as const, page: 1 };
    const message =
      'Sorting by size covers at most 200000 resources and 240000 match: narrow the filter, or sort by name, state, type or region';
    const refused = new ApiError('invalid_input', `${message} ${hostile}`, {
      status: 400,
      details: { sort: 'size', matching: 240_000, limit: 200_000 },
    });
    const html = renderWithFailures(
      `/compute?${search}`,
      [
        [queryKeys.session, sessionFor('operator')],
        [queryKeys.status, statusWith(true)],
        [computeKeys.list(defaultOrder), listPage([entry()], 240_000)],
      ],
      [[computeKeys.list(view), refused]],
    );
    expect(html).not.toContain('<img');
    const alert = /<div[^>]*role="alert"[^>]*>.*?<\/div>/s.exec(html)?.[0] ?? '';
    expect(textOf(alert)).toContain(message);
    expect(textOf(html)).not.toContain('Could not load');
    // One click back: the same filters and page size, in the default order, from page 1.
    const back = /<a[^>]*href="([^"]*)"[^>]*>Show them in the default order<\/a>/.exec(alert);
    expect(back?.[1]?.replace(/&amp;/g, '&')).toBe(
      '/compute?q=web&state=running%2Cstopped&pageSize=100',
    );
    // The rest of the page stays: the search, the filters with their counts, the total.
    expect(html).toMatch(/<input[^>]*value="web"/);
    const state = /<select[^>]*name="state"[^>]*>.*?<\/select>/s.exec(html)?.[0] ?? '';
    expect(state.match(/<option[^>]*selected/g)).toHaveLength(2);
    expect(textOf(state)).toContain('running (1)');
    expect(html).toContain('data-testid="sandbox-badge"');
    expect(textOf(html)).toContain('240000 resources');
    // No rows: those of the default order would contradict the order the headers show.
    expect(html).not.toContain('data-testid="compute-row"');

    // Any other failure is a failed load, with a retry.
    const other = renderWithFailures(
      `/compute?${search}`,
      [[queryKeys.session, sessionFor('operator')]],
      [[computeKeys.list(view), new ApiError('invalid_input', 'Bad filter', { status: 400 })]],
    );
    expect(textOf(other)).toContain('Could not load Bad filter Try again');
    expect(other).not.toContain('default order');
  });

  it('plans a bulk action: rows whose state allows it are sent, the others listed as skipped', () => {
    const running = entry({ actions: ['compute.stop', 'compute.reboot'] });
    const stopped = entry({ uid: 'u2', state: 'stopped', actions: ['compute.start'] });
    const plan = planBulk('compute.stop', [running, stopped, service]);
    expect(plan.apply.map((e) => e.uid)).toEqual([running.uid]);
    expect(plan.skip.map((e) => e.uid)).toEqual(['u2', service.uid]);
  });
});

describe('compute detail', () => {
  it('disables every action for a viewer, and shows no other data as markup', () => {
    const html = renderDetail('viewer', detail());
    expect(actionButtons(html)).toEqual({
      Start: true,
      Stop: true,
      Reboot: true,
      Resize: true,
    });
    expect(html).toContain('Your role does not allow actions');
    expect(html).not.toContain('<img');
  });

  it('enables exactly the actions the server lists for an operator', () => {
    const html = renderDetail(
      'operator',
      detail({ entry: entry({ actions: ['compute.stop', 'compute.reboot', 'compute.resize'] }) }),
    );
    expect(actionButtons(html)).toEqual({
      Start: true,
      Stop: false,
      Reboot: false,
      Resize: false,
    });
  });

  it('gives a service Scale and New revision, with its task counts in the summary', () => {
    const html = renderDetail(
      'operator',
      detail({
        entry: { ...service, actions: ['compute.scale'] },
        sizes: [],
        related: [],
        findings: [],
      }),
    );
    expect(actionButtons(html)).toEqual({ Scale: false, 'New revision': true });
    expect(textOf(html)).toContain('2 running of 3 desired');
    expect(textOf(html)).toContain('No recommendations');
  });

  it('shows the summary, related volumes and a rightsizing with its evidence chart', () => {
    const html = renderDetail('viewer', detail());
    const text = textOf(html);
    expect(text).toContain('m5.2xlarge');
    expect(html).toMatch(/data-testid="related-row"/);
    const finding = textOf(/<li[^>]*data-testid="finding".*?<\/li>/s.exec(html)?.[0] ?? '');
    expect(finding).toMatch(
      /m5\.2xlarge \(8 vCPU, 32 GiB, \$280\.32\/month\) → m5\.large \(2 vCPU/,
    );
    expect(finding).toContain('CPU P99.5 = 12 %');
    expect(finding).toContain('20 % headroom');
    expect(finding).toMatch(/saves \$210\.24\/month/);
    expect(html).toMatch(/data-testid="line-chart" data-title="CPU P99.5 per day"/);
  });

  it('draws a chart per metric group, with the figures in its description and a data table', () => {
    const html = renderDetail('viewer', detail());
    const titles = [...html.matchAll(/data-testid="line-chart" data-title="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(titles).toEqual(['CPU', 'Network', 'CPU P99.5 per day']);
    expect(textOf(html)).toContain('CPU: average 27 %, peak 50 %, latest 25 %');
    expect(textOf(html)).toContain('Network in: average 2.5 KiB, peak 4.0 KiB');
    expect(html).toContain('aria-label="CPU values"');
    expect(html).toMatch(/aria-pressed="true"[^>]*>24h</);
    expect(html).not.toContain('data-testid="metrics-source"');
  });

  it('says when the charts fell back to stored data, and when a range has no points', () => {
    const answer = metrics({
      source: 'store',
      series: [{ metric: 'cpu', label: 'CPU', unit: 'percent', timestamps: [], values: [] }],
    });
    const html = renderDetail('viewer', detail(), answer);
    expect(html).toContain('data-testid="metrics-source"');
    expect(textOf(html)).toContain('No data in this range');
  });
});

describe('resize dialog', () => {
  it('lists the sizes with vCPU, memory and the monthly price change, the current one disabled', () => {
    const html = renderInApp(
      <ResizeDialog
        attributes={{}}
        entry={entry({ name: hostile })}
        sizes={detail().sizes}
        {...idleDialog}
      />,
    );
    expect(html).not.toContain('<img');
    const rows = [...html.matchAll(/<tr[^>]*data-testid="size-row".*?<\/tr>/gs)].map((m) => m[0]);
    expect(rows).toHaveLength(3);
    expect(textOf(rows[0] ?? '')).toMatch(/m5\.large 2 8 GiB \$0\.096\/h −\$210\.24\/mo/);
    expect(textOf(rows[1] ?? '')).toMatch(/−\$140\.16\/mo/);
    expect(rows[2]).toMatch(/<input[^>]*disabled/);
    expect(textOf(html)).toContain('stopped, resized and started again');
    // Nothing chosen yet: the confirm button cannot be pressed.
    expect(html).toMatch(/<button[^>]*class="danger"[^>]*disabled/);
  });
});

describe('operation progress', () => {
  const operation: Operation = {
    id: 'op-1',
    action: 'compute.resize',
    target: entry().uid,
    correlationId: 'corr-1',
    status: 'succeeded',
    steps: ['stopping', 'stopped', 'modifying', 'starting', 'running'].map((step, index) => ({
      step,
      state: step === 'modifying' ? 'stopped' : step,
      at: `2026-11-25T10:00:0${index}Z`,
    })),
    state: 'running',
    size: 'm5.large',
    error: null,
    warning: null,
    startedAt: '2026-11-25T10:00:00Z',
    finishedAt: '2026-11-25T10:00:05Z',
  };

  function render(op: Operation) {
    return renderInApp(<OperationView operation={op} />);
  }

  it('lists every step in order and the final state and size', () => {
    const html = render(operation);
    expect([...html.matchAll(/data-step="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'stopping',
      'stopped',
      'modifying',
      'starting',
      'running',
    ]);
    expect(textOf(html)).toMatch(/Done ?, state running ?, size m5\.large/);
    // Each step's time is its offset from the start.
    expect(textOf(html)).toMatch(/running running \+4\.0 s/);
    expect(textOf(html)).toContain('corr-1');
    expect(html).toContain('href="/activity"');
  });

  it('says it is waiting while it runs, and shows the error when it failed', () => {
    expect(textOf(render({ ...operation, status: 'running', finishedAt: null }))).toContain(
      'waiting for the provider',
    );
    const failed = render({
      ...operation,
      status: 'failed',
      state: 'stopped',
      error: { code: 'invalid_input', message: `size ${hostile} is unknown` },
    });
    expect(failed).not.toContain('<img');
    expect(textOf(failed)).toMatch(/Failed ?, state stopped/);
    expect(textOf(failed)).toContain('invalid_input');
    expect(failed).not.toContain('operation-warning');
  });

  it('shows the warning of an action done whose new state the inventory could not record', () => {
    const warning = `The action succeeded, but the inventory could not be updated ${hostile}`;
    const html = render({ ...operation, warning });
    expect(textOf(html)).toMatch(/Done ?, state running/);
    expect(html).toContain('data-testid="operation-warning"');
    expect(textOf(html)).toContain(warning);
    expect(html).not.toContain('<img');
    // A bulk row says it in short, the whole warning in its title.
    const row = renderInApp(<RowOperation initial={{ ...operation, warning }} />);
    expect(textOf(row)).toContain('done: running (inventory not updated until the next sync)');
    expect(row).not.toContain('<img');
  });
});
