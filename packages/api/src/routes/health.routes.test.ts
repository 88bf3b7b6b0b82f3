import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('operations endpoints', () => {
  it('answers healthz and readyz, and readyz fails once the store is gone', async () => {
    expect(await (await h.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await h.request('/readyz')).status).toBe(200);
    await h.store.close();
    const down = await h.request('/readyz');
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  });

  it('exposes request, resource, sync and process metrics labelled by route pattern', async () => {
    await h.seedInstance('i-1', 'running');
    await h.request('/api/resources/some-uid');
    h.sync.emit({
      type: 'job.completed',
      runId: 'r',
      jobId: 'j',
      scope: 's',
      resourceType: 'ec2.instance',
      listed: 1,
      counts: { created: 1, updated: 0, unchanged: 0, deleted: 0 },
      metrics: { series: 0, points: 0, failed: 0 },
    });
    const response = await h.request('/metrics');
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toContain(
      'ccx_http_requests_total{method="GET",route="/api/resources/:uid",status="401"} 1',
    );
    expect(text).toMatch(
      /ccx_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/resources\/:uid",status="401"\}/,
    );
    expect(text).toContain('ccx_resources{provider="aws"} 1');
    expect(text).toContain('ccx_sync_jobs_total{outcome="success"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).not.toContain('some-uid');
  });

  it('keeps metrics per API instance', async () => {
    const other = await (await import('../testing/harness')).createHarness();
    await h.request('/healthz');
    const text = await (await other.request('/metrics')).text();
    expect(text).not.toContain('route="/healthz"');
    await other.close();
  });

  it('sets security headers and a request id on every response', async () => {
    const response = await h.request('/api/auth/config', {
      headers: { 'x-request-id': 'abc-123' },
    });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-request-id')).toBe('abc-123');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await h.request('/api/nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
