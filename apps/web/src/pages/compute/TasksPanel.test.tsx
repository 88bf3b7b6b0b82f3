import { describe, expect, it } from 'vitest';
import type { ComputeDetail, ServiceTask } from '@ccx/api/contract';
import { textOf } from '../../testing/render-page';
import { computeDetail, hostile, renderComputeDetail, serviceEntry } from './compute-test-setup';

function task(id: string, overrides: Partial<ServiceTask> = {}): ServiceTask {
  return {
    uid: `aws/111122223333/us-east-1/ecs.task/prod-web%2F${encodeURIComponent(id)}`,
    id,
    state: 'running',
    desiredStatus: 'RUNNING',
    launchType: 'FARGATE',
    taskDefinition: 'prod-web-checkout:7',
    revision: 7,
    current: true,
    healthStatus: 'HEALTHY',
    availabilityZone: 'us-east-1b',
    privateIp: '10.0.17.42',
    startedAt: '2026-11-25T08:00:00.000Z',
    stoppedAt: null,
    stopCode: null,
    stoppedReason: null,
    ...overrides,
  };
}

function serviceDetail(tasks: ServiceTask[], type = 'ecs.service'): ComputeDetail {
  return computeDetail({ entry: serviceEntry({ type }), tasks });
}

const render = (data: ComputeDetail) => renderComputeDetail('viewer', data);

const panelOf = (html: string) =>
  /<section[^>]*aria-label="Tasks".*?<\/section>/s.exec(html)?.[0] ?? '';

describe('tasks panel of an ECS service', () => {
  it('lists live tasks with revision, health and placement, then stopped ones with why', () => {
    const html = render(
      serviceDetail([
        task('0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
        task('ffeeddccbbaa99887766554433221100', {
          taskDefinition: 'prod-web-checkout:6',
          revision: 6,
          current: false,
          healthStatus: 'UNKNOWN',
          privateIp: null,
        }),
        task('1234567890abcdef1234567890abcdef', {
          state: 'stopped',
          healthStatus: 'UNHEALTHY',
          stoppedAt: '2026-11-25T09:00:00.000Z',
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Task failed container health checks',
        }),
      ]),
    );
    const panel = panelOf(html);
    expect(panel).not.toBe('');
    const rows = [...panel.matchAll(/<tr data-testid="task-row".*?<\/tr>/gs)].map((m) =>
      textOf(m[0]),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^0a1b2c3d4e5f60718293a4b5c6d7e8f9 running prod-web-checkout:7 healthy us-east-1b · 10\.0\.17\.42 /,
    );
    expect(rows[0]).not.toContain('previous');
    expect(rows[1]).toContain('prod-web-checkout:6 previous');
    expect(rows[1]).toContain('unknown us-east-1b ');
    expect(rows[1]).not.toContain(' · ');
    expect(rows[2]).toMatch(/stopped .* unhealthy /);
    expect(rows[2]).toContain('ServiceSchedulerInitiated Task failed container health checks');
    expect(textOf(panel)).toContain('2 live · 1 stopped');
    expect(panel).toContain(
      `href="/resources/${encodeURIComponent(task('0a1b2c3d4e5f60718293a4b5c6d7e8f9').uid)}"`,
    );
  });

  it('shows hostile task ids and reasons as text, never as markup', () => {
    const html = render(
      serviceDetail([
        task(hostile, {
          state: 'stopped',
          taskDefinition: `${hostile}:1`,
          stoppedAt: '2026-11-25T09:00:00.000Z',
          stopCode: 'EssentialContainerExited',
          stoppedReason: `<script>alert(1)</script>`,
        }),
      ]),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    const text = textOf(panelOf(html));
    expect(text).toContain(hostile);
    expect(text).toContain('<script>alert(1)</script>');
  });

  it('says when the inventory holds no tasks, and is absent for anything but a service', () => {
    expect(textOf(panelOf(render(serviceDetail([]))))).toContain(
      'No tasks in the inventory for this service.',
    );
    expect(panelOf(render(serviceDetail([task('abc')], 'ec2.instance')))).toBe('');
  });
});
