import { describe, expect, it } from 'vitest';
import { queryKeys } from '../app/query-keys';
import { parseInventoryParams } from '../inventory/url-state';
import { instance, sessionFor, statusWith } from '../testing/fixtures';
import { renderPage, textOf } from '../testing/render-page';
import { resourceHref } from './resource-href';

const hostileName = '<img src=x onerror="alert(1)">';

function filtersOf(view: ReturnType<typeof parseInventoryParams>) {
  const { provider, account, region, type, state, tag, q } = view;
  return { provider, account, region, type, state, tag, q };
}

describe('shell', () => {
  it('shows the SANDBOX badge, the role and every module when the server says sandbox', () => {
    const html = renderPage('/cost', [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.status, statusWith(true)],
    ]);
    const text = textOf(html);
    expect(html).toContain('data-testid="sandbox-badge"');
    expect(html).toMatch(/data-testid="user-role"[^>]*>viewer</);
    for (const title of [
      'Cost',
      'Compute',
      'Storage',
      'Identity',
      'Insights',
      'Policies & activity',
      'Inventory',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('the Aetherium');
  });

  it('has no SANDBOX badge for a real estate', () => {
    const html = renderPage('/', [
      [queryKeys.session, sessionFor('admin')],
      [queryKeys.status, statusWith(false)],
    ]);
    expect(html).not.toContain('sandbox-badge');
  });

  it('shows an unconnected module as not connected, with no figures', () => {
    const html = renderPage('/insights', [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.status, statusWith(false)],
    ]);
    const panel = /data-testid="not-connected".*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(textOf(panel)).toContain('Not connected yet');
    expect(textOf(panel)).not.toMatch(/\d/);
  });
});

describe('resource page', () => {
  const path = resourceHref(instance().uid);

  it('gives a viewer no action buttons', () => {
    const html = renderPage(path, [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resource(instance().uid), instance({ actions: [] })],
      [queryKeys.history(instance().uid), []],
    ]);
    expect(textOf(html)).toContain('web-1');
    expect(html).not.toMatch(/<button[^>]*>(Start|Stop|Reboot)<\/button>/);
  });

  it('gives an operator exactly the actions the server allows', () => {
    const html = renderPage(path, [
      [queryKeys.session, sessionFor('operator')],
      [
        queryKeys.resource(instance().uid),
        instance({ actions: ['compute.stop', 'compute.reboot'] }),
      ],
      [queryKeys.history(instance().uid), []],
    ]);
    expect(html).toMatch(/<button[^>]*>Stop<\/button>/);
    expect(html).toMatch(/<button[^>]*>Reboot<\/button>/);
    expect(html).not.toMatch(/<button[^>]*>Start<\/button>/);
  });

  it('names the account by its alias with the id beside it, or by the bare id', () => {
    const named = renderPage(path, [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resource(instance().uid), instance({ accountAlias: 'prod' })],
      [queryKeys.history(instance().uid), []],
    ]);
    expect(textOf(named)).toContain('prod (111122223333)');
    expect(named).toContain('title="Account 111122223333"');
    const bare = renderPage(path, [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resource(instance().uid), instance({ accountAlias: null })],
      [queryKeys.history(instance().uid), []],
    ]);
    expect(textOf(bare)).toContain('111122223333');
    expect(textOf(bare)).not.toContain('(111122223333)');
  });

  it('renders names, tags and history as text, never as markup', () => {
    const hostile = instance({
      name: hostileName,
      tags: { [hostileName]: hostileName },
      attributes: { note: hostileName },
    });
    const html = renderPage(path, [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resource(hostile.uid), hostile],
      [
        queryKeys.history(hostile.uid),
        [
          {
            id: 2,
            at: '2026-11-20T00:00:00Z',
            kind: 'updated',
            syncRunId: 'r1',
            diff: [{ path: 'tags.note', before: hostileName, after: 'ok' }],
          },
        ],
      ],
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(textOf(html)).toContain('tags.note');
    expect(textOf(html)).toMatch(/updated/);
  });
});

describe('inventory page', () => {
  it('renders the page the server returned under the filters in the URL', () => {
    const search = 'state=running&sort=-name';
    const view = parseInventoryParams(new URLSearchParams(search));
    const rows = [
      instance({ accountAlias: 'prod' }),
      instance({
        uid: 'aws/222233334444/us-east-1/ec2.instance/i-2',
        account: '222233334444',
        accountAlias: null,
        id: 'i-2',
        name: hostileName,
      }),
    ];
    const html = renderPage(`/inventory?${search}`, [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resourceList(view), { items: rows, total: 120, offset: 0, limit: 50 }],
      [
        queryKeys.facets(filtersOf(view)),
        {
          provider: [{ value: 'aws', count: 2 }],
          account: [
            { value: '111122223333', count: 1, label: 'prod' },
            { value: '222233334444', count: 1 },
          ],
          region: [{ value: 'us-east-1', count: 2 }],
          type: [{ value: 'ec2.instance', count: 2 }],
          state: [{ value: 'running', count: 2 }],
        },
      ],
    ]);
    expect(html.match(/data-testid="resource-row"/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).toMatch(/aria-sort="descending"[^>]*><button[^>]*>Name/);
    expect(textOf(html)).toContain('1–50 of 120');
    expect(html).toContain(
      'href="/resources/aws%2F111122223333%2Fus-east-1%2Fec2.instance%2Fi-0abc"',
    );
    // The first row's account has an alias, the second's none; the facet labels the same way.
    const cells = [...html.matchAll(/<tr[^>]*data-testid="resource-row".*?<\/tr>/gs)].map((m) =>
      textOf(m[0]),
    );
    expect(cells[0]).toContain('prod (111122223333)');
    expect(cells[1]).toContain('222233334444');
    expect(cells[1]).not.toContain('(222233334444)');
    const facet = /<select[^>]*id="facet-account".*?<\/select>/s.exec(html)?.[0] ?? '';
    expect(textOf(facet)).toContain('prod (111122223333) (1)');
    expect(textOf(facet)).toContain('222233334444 (1)');
    // A viewer has no Sync now button.
    expect(textOf(html)).not.toContain('Sync now');
  });
});

describe('inventory filters and empty states', () => {
  it('selects several values of one facet, as the URL says, and offers to clear them', () => {
    const search = 'state=running&state=stopped&region=us-east-1';
    const view = parseInventoryParams(new URLSearchParams(search));
    const facets = {
      provider: [{ value: 'aws', count: 3 }],
      account: [],
      region: [{ value: 'us-east-1', count: 3 }],
      type: [],
      state: [
        { value: 'running', count: 2 },
        { value: 'stopped', count: 1 },
        { value: 'terminated', count: 4 },
      ],
    };
    const html = renderPage(`/inventory?${search}`, [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resourceList(view), { items: [], total: 0, offset: 0, limit: 50 }],
      [queryKeys.facets(filtersOf(view)), facets],
    ]);
    const state = /<select[^>]*name="state"[^>]*>.*?<\/select>/s.exec(html)?.[0] ?? '';
    expect(state).toContain('multiple');
    expect(state.match(/<option[^>]*selected/g)).toHaveLength(2);
    expect(state).toMatch(/<option value="terminated">/);
    expect(html).toContain('aria-label="Clear State filter"');
    expect(html).not.toContain('aria-label="Clear Type filter"');
    expect(textOf(html)).toContain('No resources match these filters.');
  });

  it('tells an unfiltered empty inventory to run a sync', () => {
    const view = parseInventoryParams(new URLSearchParams(''));
    const html = renderPage('/inventory', [
      [queryKeys.session, sessionFor('viewer')],
      [queryKeys.resourceList(view), { items: [], total: 0, offset: 0, limit: 50 }],
    ]);
    expect(textOf(html)).toContain('No resources yet: run a sync');
  });
});

describe('sync panel', () => {
  it('shows a run already in progress when the page opens before any of its events', () => {
    const html = renderPage('/', [
      [queryKeys.session, sessionFor('operator')],
      [queryKeys.status, statusWith(true)],
      [
        queryKeys.syncRuns,
        [
          {
            id: 'run-7',
            trigger: 'schedule',
            status: 'running',
            startedAt: '2026-11-25T09:58:00Z',
            finishedAt: null,
            summary: {},
            errors: [],
          },
        ],
      ],
    ]);
    expect(html).toContain('data-testid="sync-progress"');
    expect(textOf(html)).toMatch(/Running run run-7 ?, started .+\( ?schedule ?\)/);
    expect(textOf(html)).toContain('No sync has finished yet.');
  });
});
