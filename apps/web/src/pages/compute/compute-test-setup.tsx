/** What the compute render tests share: answers shaped as the API sends them, and renderers. */
import type { QueryKey } from '@tanstack/react-query';
import type { ComputeDetail, ComputeEntry, ComputeMetrics } from '@ccx/api/contract';
import { queryKeys } from '../../app/query-keys';
import { computeKeys } from '../../compute/query-keys';
import { computeHref } from '../../compute/url-state';
import { sessionFor, statusWith } from '../../testing/fixtures';
import { AppRoutes, renderInApp, renderPage, testQueryClient } from '../../testing/render-page';

export const hostile = '<img src=x onerror="alert(1)">';
export const ACCOUNT = '111122223333';

/** An EC2 instance as the compute list returns it; overrides make any other entry. */
export function computeEntry(overrides: Partial<ComputeEntry> = {}): ComputeEntry {
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

/** The ECS service `main/api` with two tasks desired and running. */
export function serviceEntry(overrides: Partial<ComputeEntry> = {}): ComputeEntry {
  return computeEntry({
    uid: `aws/${ACCOUNT}/us-east-1/ecs.service/main%2Fapi`,
    uri: `aws://${ACCOUNT}/us-east-1/ecs.service/main%2Fapi`,
    type: 'ecs.service',
    id: 'main/api',
    name: 'api',
    state: 'active',
    size: null,
    desiredCount: 2,
    runningCount: 2,
    ...overrides,
  });
}

/** A compute detail as the server sends it: every field present, empty unless overridden. */
export function computeDetail(overrides: Partial<ComputeDetail> = {}): ComputeDetail {
  return {
    entry: computeEntry(),
    attributes: {},
    findings: [],
    sizes: [],
    related: [],
    tasks: [],
    ...overrides,
  };
}

const NO_METRICS: ComputeMetrics = {
  range: '24h',
  periodSeconds: 300,
  source: 'provider',
  series: [],
};

/** The compute detail page at `data`'s resource, signed in as `role`, with no audit entries. */
export function renderComputeDetail(
  role: 'viewer' | 'operator',
  data: ComputeDetail,
  metrics: ComputeMetrics = NO_METRICS,
): string {
  const uid = data.entry.uid;
  return renderPage(computeHref(uid), [
    [queryKeys.session, sessionFor(role)],
    [queryKeys.status, statusWith(true)],
    [computeKeys.detail(uid), data],
    [computeKeys.metrics(uid, '24h'), metrics],
    [computeKeys.audit(uid), { items: [], total: 0 }],
  ]);
}

/** The buttons of the actions panel: label → disabled. */
export function actionButtons(html: string): Record<string, boolean> {
  const panel = /<section[^>]*aria-label="Actions".*?<\/section>/s.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...panel.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].map((m) => [
      m[2] ?? '',
      /disabled/.test(m[1] ?? ''),
    ]),
  );
}

/** A dialog at rest: nothing sent yet, no refusal, and buttons that do nothing. */
export const idleDialog = {
  busy: false,
  error: null,
  onCancel: () => undefined,
  onConfirm: () => undefined,
};

/**
 * The app at `path` with some queries answered and others failed, as if the API had refused
 * them. A failed query is not retried when the page mounts, so the render shows the failure
 * (a page always fetches again in the browser; here nothing is fetched).
 */
export function renderWithFailures(
  path: string,
  answered: [QueryKey, unknown][],
  failed: [QueryKey, Error][],
): string {
  const queryClient = testQueryClient();
  for (const [key, data] of answered) queryClient.setQueryData(key, data);
  for (const [queryKey, error] of failed)
    queryClient
      .getQueryCache()
      .build(queryClient, { queryKey })
      .setState({ status: 'error', error, errorUpdatedAt: Date.now(), fetchStatus: 'idle' });
  return renderInApp(<AppRoutes />, queryClient, path);
}
