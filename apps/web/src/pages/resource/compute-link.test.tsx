import { COMPUTE_TYPES } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import type { ResourceDetail } from '@ccx/api/contract';
import { queryKeys } from '../../app/query-keys';
import { computeHref } from '../../compute/url-state';
import { instance, sessionFor } from '../../testing/fixtures';
import { renderPage, textOf } from '../../testing/render-page';
import { resourceHref } from '../resource-href';
import { computeLinkOf } from './compute-link';

const hostile = '<img src=x onerror="alert(1)">';

/** A resource of `type` with id `id` in the fixture's account and region. */
function resource(type: string, id: string, overrides: Partial<ResourceDetail> = {}) {
  return instance({
    uid: `aws/111122223333/us-east-1/${type}/${encodeURIComponent(id)}`,
    type,
    id,
    name: null,
    attributes: {},
    ...overrides,
  });
}

/** An ECS task of cluster `main`, started by the service `api` unless attributes say otherwise. */
function task(attributes: Record<string, unknown> = {}) {
  return resource('ecs.task', 'main/0f1e2d3c', {
    attributes: { clusterName: 'main', service: 'api', taskDefinition: 'api:7', ...attributes },
  });
}

const SERVICE_UID = 'aws/111122223333/us-east-1/ecs.service/main%2Fapi';

function renderResource(detail: ResourceDetail) {
  return renderPage(resourceHref(detail.uid), [
    [queryKeys.session, sessionFor('viewer')],
    [queryKeys.resource(detail.uid), detail],
    [queryKeys.history(detail.uid), []],
  ]);
}

/** The hrefs of the compute links on a rendered page. */
function computeLinks(html: string): string[] {
  return [...html.matchAll(/<a[^>]*class="compute-link"[^>]*>/g)].map(
    (m) => /href="([^"]*)"/.exec(m[0])?.[1] ?? '',
  );
}

describe('resource page link to the compute page', () => {
  it('links every compute type to its own compute page', () => {
    for (const type of Object.values(COMPUTE_TYPES)) {
      const item = resource(type, 'x-1');
      expect(computeLinkOf(item)?.href, type).toBe(computeHref(item.uid));
    }
    expect(computeLinkOf(resource('s3.bucket', 'logs'))).toBeNull();
    expect(computeLinkOf(resource('azure.container', 'acct/c'))).toBeNull();
  });

  it("links a service's task to the service, and a task without one nowhere", () => {
    expect(computeLinkOf(task())).toEqual({
      href: computeHref(SERVICE_UID),
      label: 'Its service api on the Compute page, with its tasks and actions',
    });
    expect(computeLinkOf(task({ service: null }))).toBeNull();
    expect(computeLinkOf(task({ clusterName: '' }))).toBeNull();
    // Names ECS could not have given are provider data gone wrong: no link is built from them.
    expect(computeLinkOf(task({ service: hostile }))).toBeNull();
    expect(computeLinkOf(task({ service: '../../settings' }))).toBeNull();
    expect(computeLinkOf(task({ clusterName: 'a/b' }))).toBeNull();
  });

  it('shows an Elastic IP the way to its Associate and Disassociate actions, even to a viewer', () => {
    const address = resource('ec2.address', 'eipalloc-0abc', {
      state: 'available',
      attributes: { publicIp: '44.1.2.3' },
    });
    const html = renderResource(address);
    expect(computeLinks(html)).toEqual([computeHref(address.uid)]);
    expect(html).not.toMatch(/<button[^>]*>(Start|Stop|Reboot)<\/button>/);
  });

  it("shows a task the way to its service's page, and a lone task none", () => {
    const html = renderResource(task());
    expect(computeLinks(html)).toEqual([computeHref(SERVICE_UID)]);
    expect(textOf(html)).toContain('Its service api on the Compute page');
    expect(computeLinks(renderResource(task({ service: null })))).toEqual([]);
    const bucket = renderResource(resource('s3.bucket', 'logs'));
    expect(bucket).not.toContain('aria-label="Actions"');
  });
});
