import { createRoute, z } from '@hono/zod-openapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonContent } from '../routes/common.schema';
import { createHarness, type Harness } from './harness';

const sizesSchema = z.object({
  items: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative() })),
});

const sizesRoute = createRoute({
  method: 'get',
  path: '/contract-check/{name}',
  responses: { 200: jsonContent(sizesSchema, 'Sizes') },
});

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

/** A route outside `/api/*`, so no sign-in is needed; answers whatever size it is asked for. */
function addSizesRoute() {
  h.api.app.openapi(sizesRoute, (c) => {
    const size = Number(c.req.param('name'));
    return c.json(
      {
        items: [
          { name: 'a', size: 1 },
          { name: 'b', size },
        ],
      },
      200,
    );
  });
}

describe('harness requests are held to the declared response schema', () => {
  it('passes an answer that fits and leaves its body readable', async () => {
    addSizesRoute();
    const response = await h.request('/contract-check/2');
    expect(await response.json()).toEqual({
      items: [
        { name: 'a', size: 1 },
        { name: 'b', size: 2 },
      ],
    });
  });

  it('rejects an answer off the schema with the route, the field path and the reason', async () => {
    addSizesRoute();
    const failure = h.request('/contract-check/-1');
    await expect(failure).rejects.toThrow('GET /contract-check/{name} answered 200');
    await expect(failure).rejects.toThrow(/items\.1\.size: Too small: expected number to be >=0/);
  });

  it('rejects a 2xx JSON answer under a status the route does not declare', async () => {
    // Declared as answering 200 only, served by a handler that answers 201.
    h.api.app.openAPIRegistry.registerPath(sizesRoute);
    h.api.app.get('/contract-check/:name', (c) => c.json({ items: [] }, 201));
    await expect(h.request('/contract-check/1')).rejects.toThrow(
      'GET /contract-check/{name} answered 201 JSON, which the route does not declare',
    );
  });

  it('rejects a 2xx JSON answer from a route that declares nothing', async () => {
    h.api.app.get('/contract-check-undeclared', (c) => c.json({ anything: true }));
    await expect(h.request('/contract-check-undeclared?x=1')).rejects.toThrow(
      'GET /contract-check-undeclared answered 200 JSON, but no route declares it',
    );
  });

  it('leaves error answers, text and the generated document unchecked', async () => {
    expect((await h.request('/api/no-such-route')).status).toBe(404);
    expect((await h.request('/metrics')).headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await h.request('/api/openapi.json')).status).toBe(200);
  });
});
