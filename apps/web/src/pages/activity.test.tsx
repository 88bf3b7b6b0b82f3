import type { QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditPage } from '@ccx/api/contract';
import { queryKeys } from '../app/query-keys';
import { computeKeys } from '../compute/query-keys';
import { instance, sessionFor, statusWith } from '../testing/fixtures';
import { renderInApp, renderPage, textOf } from '../testing/render-page';
import {
  activityFiltersKey,
  activityHref,
  activityParams,
  parseActivityParams,
} from './activity-params';
import { AuditPanel } from './compute/AuditPanel';
import { resourceHref } from './resource-href';

const hostile = 'aws/1/us-east-1/ec2.instance/<img src=x onerror="alert(1)">&target=../../x';
const uid = 'aws/111122223333/us-east-1/ec2.instance/i-0abc';

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'e1',
    at: '2026-11-25T10:00:00Z',
    actor: { kind: 'user', id: 'u1', name: 'ada', role: 'operator' },
    action: 'compute.stop',
    target: uid,
    outcome: 'success',
    correlationId: 'c1',
    detail: {},
    sourceIp: null,
    ...overrides,
  };
}

const page = (items: AuditEvent[]): AuditPage => ({ items, total: items.length });
const shell: [QueryKey, unknown][] = [
  [queryKeys.session, sessionFor('viewer')],
  [queryKeys.status, statusWith(false)],
];

/** The activity page at `search`, with the audit answer seeded under the query it makes. */
function renderActivity(search: string, answer: AuditPage) {
  const { offset, ...filters } = parseActivityParams(new URLSearchParams(search));
  return renderPage(`/activity${search}`, [
    ...shell,
    [queryKeys.audit({ ...filters, offset, limit: 50 }), answer],
  ]);
}

/** The value attribute of the named input in rendered HTML, unescaped. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag === undefined ? undefined : /value="([^"]*)"/.exec(tag)?.[1];
  return value === undefined ? undefined : textOf(value);
}

const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => textOf(m[1] ?? '').replace(/&#x27;/g, "'"));

describe('activity filters in the URL', () => {
  it('reads target, action, outcome and offset, and writes them back the same', () => {
    const search = activityParams({
      target: hostile,
      action: 'compute.stop',
      outcome: 'failure',
      offset: 100,
    });
    expect(parseActivityParams(search)).toEqual({
      target: hostile,
      action: 'compute.stop',
      outcome: 'failure',
      offset: 100,
    });
    expect(
      parseActivityParams(new URLSearchParams(activityHref({ target: hostile }).split('?')[1])),
    ).toEqual({ target: hostile, offset: 0 });
    expect(activityHref({})).toBe('/activity');
  });

  it('keys the filter form on the filters, so paging keeps what is being typed', () => {
    const first = parseActivityParams(new URLSearchParams({ action: 'compute.stop' }));
    const later = parseActivityParams(
      new URLSearchParams({ action: 'compute.stop', offset: '100' }),
    );
    expect(activityFiltersKey(later)).toBe(activityFiltersKey(first));
    expect(activityFiltersKey({ ...first, action: 'compute.start' })).not.toBe(
      activityFiltersKey(first),
    );
    expect(activityFiltersKey({ ...first, target: hostile })).not.toBe(activityFiltersKey(first));
  });

  it('drops what the API would refuse, field by field', () => {
    const params = new URLSearchParams({
      target: 'x'.repeat(2001),
      action: '  ',
      outcome: 'maybe',
      offset: '-3',
    });
    expect(parseActivityParams(params)).toEqual({ offset: 0 });
  });
});

describe('activity page', () => {
  it('asks for the events of the target in the URL and shows the filter it applied', () => {
    const html = renderActivity(
      `?target=${encodeURIComponent(uid)}&outcome=success`,
      page([event()]),
    );
    expect(html.match(/data-testid="audit-row"/g)).toHaveLength(1);
    expect(inputValue(html, 'target')).toBe(uid);
    expect(inputValue(html, 'action')).toBe('');
    expect(html).toMatch(/<option value="success" selected="">/);
    expect(textOf(html)).toContain('Clear filters');
    // The filtered target is plain text, not a link to the page already shown.
    expect(hrefs(html)).not.toContain(activityHref({ target: uid }));
  });

  it('filters by action, and links each other target to its own activity', () => {
    const other = 'aws/111122223333/us-east-1/ec2.instance/i-0def';
    const html = renderActivity('?action=compute.stop', page([event({ target: other })]));
    expect(inputValue(html, 'action')).toBe('compute.stop');
    expect(hrefs(html)).toContain(activityHref({ target: other }));
  });

  it('shows a hostile target from the URL as text, in the field and the rows', () => {
    const html = renderActivity(
      `?target=${encodeURIComponent(hostile)}`,
      page([event({ target: hostile })]),
    );
    expect(html).not.toContain('<img');
    expect(inputValue(html, 'target')).toBe(hostile);
    expect(textOf(html)).toContain(hostile);
  });

  it('says no event matches when a filter finds none, and offers no clearing without one', () => {
    const filtered = renderActivity('?action=compute.resize', page([]));
    expect(textOf(filtered)).toContain('No events match these filters.');
    const all = renderActivity('', page([]));
    expect(textOf(all)).toContain('No events.');
    expect(textOf(all)).not.toContain('Clear filters');
  });
});

/** One "See all activity" link, to the activity page filtered to exactly the hostile uid. */
function expectActivityLink(html: string) {
  const link = /<a [^>]*>See all activity<\/a>/.exec(html)?.[0] ?? '';
  const [href] = hrefs(link);
  expect(href).toBe(activityHref({ target: hostile }));
  const url = new URL(href ?? '', 'http://ccx.test');
  expect(url.pathname).toBe('/activity');
  expect([...url.searchParams]).toEqual([['target', hostile]]);
}

describe('links to a resource’s activity', () => {
  it('from the compute detail page’s audit panel', () => {
    const html = renderInApp(<AuditPanel uid={hostile} />, [
      [computeKeys.audit(hostile), page([event({ target: hostile })])],
    ]);
    expect(html).not.toContain('<img');
    expectActivityLink(html);
  });

  it('from the resource page', () => {
    const resource = instance({ uid: hostile, name: 'web-1' });
    const html = renderPage(resourceHref(hostile), [
      ...shell,
      [queryKeys.resource(hostile), resource],
      [queryKeys.history(hostile), []],
    ]);
    expect(textOf(html)).toContain('web-1');
    expect(html).not.toContain('<img');
    expectActivityLink(html);
  });
});
