import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderConnection, Resource, Scope } from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';
import { settled } from '../testing/operations';

/**
 * Elastic IP associations and ECS task-definition revisions through the action route, over
 * the real AWS provider and SDK against the sandbox's EC2 and ECS (rollouts of a few
 * milliseconds). The store is filled by the provider's own inventory; nothing is mocked.
 */
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const TYPES = ['ec2.instance', 'ec2.address', 'ecs.service'] as const;
let sandbox: SandboxHandle;
let connection: ProviderConnection;
let h: Harness;
let olive: Caller;
let vera: Caller;
let stored: Resource[];

async function list(scope: Scope, type: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const resource of connection.inventory!.list(scope, type)) out.push(resource);
  return out;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-api-compute-actions-')),
    transitionMs: 5,
    // Enough instances for the seed to leave at least two addresses unassociated per region.
    estate: { accounts: 1, regions: ['us-east-1', 'eu-west-1'], instancesPerRegion: 30 },
    s3Scale: 0,
    gcsScale: 0,
  });
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  connection = await awsProvider.connect('sandbox-aws', config, { logger: silent });
  h = await createHarness({ connections: [connection] });
  stored = [];
  for (const scope of await connection.scopes())
    for (const type of TYPES) {
      const resources = await list(scope, type);
      stored.push(...resources);
      await h.store.resources.applyBatch({
        scope: { ...scope, connection: 'sandbox-aws' },
        type,
        runId: 'seed',
        resources,
      });
    }
  await h.addUser('olive', 'operator');
  await h.addUser('vera', 'viewer');
  olive = await h.login('olive');
  vera = await h.login('vera');
});
afterAll(async () => {
  await h.close();
  await connection.close();
  await sandbox.stop();
});

const act = (uid: string, body: Record<string, unknown>, as: Caller = olive) =>
  h.request(`/api/resources/${encodeURIComponent(uid)}/actions`, {
    method: 'POST',
    body: JSON.stringify(body),
    as,
  });

async function run(uid: string, body: Record<string, unknown>) {
  const response = await act(uid, body);
  expect(response.status, await response.clone().text()).toBe(202);
  const { operation } = (await response.json()) as { operation: { id: string } };
  return settled(h, operation.id, olive);
}

async function refusedWith(uid: string, body: Record<string, unknown>, as: Caller = olive) {
  const response = await act(uid, body, as);
  const answer = (await response.json()) as {
    error: {
      code: string;
      message: string;
      details?: { fields?: { path: string; message: string }[] };
    };
  };
  const fields = answer.error.details?.fields ?? [];
  // A schema refusal names the field and why; a check against the estate says it in the message.
  const reason = fields.length > 0 ? fields.map((f) => `${f.path}: ${f.message}`).join('; ') : null;
  return { status: response.status, ...answer.error, reason: reason ?? answer.error.message };
}

async function detailActions(uid: string): Promise<string[]> {
  const response = await h.request(`/api/compute/${encodeURIComponent(uid)}`, { as: olive });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entry: { actions: string[] } }).entry.actions;
}

async function trail(uid: string) {
  const { items } = await h.store.audit.list({ target: uid, offset: 0, limit: 20 });
  return items.reverse();
}

const inRegion = (type: string, region: string) =>
  stored.filter((r) => r.type === type && r.region === region);

describe('Elastic IP actions on the sandbox', () => {
  it('reports an association EC2 made as done when the store cannot free the moved address', async () => {
    const holders = new Set(
      inRegion('ec2.address', 'eu-west-1').map((a) => a.attributes['instanceId']),
    );
    const address = inRegion('ec2.address', 'eu-west-1').find((a) => a.state === 'available')!;
    const instance = inRegion('ec2.instance', 'eu-west-1').find(
      (i) => i.state === 'running' && !holders.has(i.id),
    )!;
    expect(address).toBeDefined();
    expect(instance).toBeDefined();
    // The store fails only the query that looks for the addresses EC2 moved aside.
    const resources = h.store.resources;
    const query = resources.query.bind(resources);
    resources.query = (filter) =>
      filter.type?.includes('ec2.address') && filter.attributes?.['instanceId']
        ? Promise.reject(new Error('database is locked'))
        : query(filter);
    const logged = h.logLines.length;
    try {
      const done = await run(address.uid, {
        action: 'compute.associate-address',
        instance: instance.uid,
      });
      expect(done).toMatchObject({ status: 'succeeded', state: 'in-use', error: null });
      expect(done.warning).toContain(`moved aside from ${instance.id} may still show as in use`);
    } finally {
      resources.query = query;
    }
    expect(h.logLines.slice(logged).join('')).toContain('the next sync will');
    const events = await trail(address.uid);
    expect(events.map((e) => e.outcome).slice(-2)).toEqual(['pending', 'success']);
    const freed = await run(address.uid, { action: 'compute.disassociate-address' });
    expect(freed).toMatchObject({ status: 'succeeded', state: 'available' });
  });

  it('associates a free address with an instance beside it, then disassociates it', async () => {
    const address = inRegion('ec2.address', 'us-east-1').find((a) => a.state === 'available')!;
    const holders = new Set(
      inRegion('ec2.address', 'us-east-1').map((a) => a.attributes['instanceId']),
    );
    const instance = inRegion('ec2.instance', 'us-east-1').find(
      (i) => i.state === 'running' && !holders.has(i.id),
    )!;
    expect(address).toBeDefined();
    expect(instance).toBeDefined();
    expect(await detailActions(address.uid)).toEqual(['compute.associate-address']);

    const done = await run(address.uid, {
      action: 'compute.associate-address',
      instance: instance.uid,
    });
    expect(done).toMatchObject({ status: 'succeeded', state: 'in-use', error: null });
    expect(await h.store.resources.get(address.uid)).toMatchObject({
      state: 'in-use',
      attributes: {
        instanceId: instance.id,
        associationId: expect.stringMatching(/^eipassoc-/) as unknown,
      },
    });
    // EC2 itself says so: the inventory lists the address on the instance.
    const [scope] = (await connection.scopes()).filter((s) => s.region === 'us-east-1');
    const live = (await list(scope!, 'ec2.address')).find((a) => a.id === address.id)!;
    expect(live.attributes['instanceId']).toBe(instance.id);
    expect(await detailActions(address.uid)).toEqual(['compute.disassociate-address']);

    // Asking again for the same instance is a bad parameter; another instance, a conflict.
    expect(
      await refusedWith(address.uid, {
        action: 'compute.associate-address',
        instance: instance.uid,
      }),
    ).toMatchObject({ status: 400, message: `It is already associated with ${instance.id}` });
    const other = inRegion('ec2.instance', 'us-east-1').find((i) => i.id !== instance.id)!;
    expect(
      await refusedWith(address.uid, { action: 'compute.associate-address', instance: other.uid }),
    ).toMatchObject({
      status: 409,
      message: `Cannot associate: it is already associated with ${instance.id}; disassociate it first`,
    });

    const freed = await run(address.uid, { action: 'compute.disassociate-address' });
    expect(freed).toMatchObject({ status: 'succeeded', state: 'available' });
    expect(await h.store.resources.get(address.uid)).toMatchObject({
      state: 'available',
      attributes: { instanceId: null, associationId: null },
    });
    expect(
      await refusedWith(address.uid, { action: 'compute.disassociate-address' }),
    ).toMatchObject({
      status: 409,
      message: 'Cannot disassociate: it is not associated with an instance',
    });

    const events = await trail(address.uid);
    expect(events.map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'compute.associate-address pending',
      'compute.associate-address success',
      'compute.disassociate-address pending',
      'compute.disassociate-address success',
    ]);
    expect(events[0]!.detail).toMatchObject({
      instance: instance.uid,
      instanceId: instance.id,
      previousInstanceId: null,
    });
    expect(events[2]!.detail).toMatchObject({ previousInstanceId: instance.id });
  });

  it('moves the address an instance held aside in the store, as EC2 does', async () => {
    const free = inRegion('ec2.address', 'us-east-1').filter((a) => a.state === 'available');
    const [first, second] = [free[0]!, free[1]!];
    expect(second).toBeDefined();
    const holders = new Set(
      inRegion('ec2.address', 'us-east-1').map((a) => a.attributes['instanceId']),
    );
    const target = inRegion('ec2.instance', 'us-east-1').find(
      (i) => i.state === 'stopped' && !holders.has(i.id),
    )!;
    expect(first).toBeDefined();
    expect(target).toBeDefined();
    const associate = (address: Resource) =>
      run(address.uid, { action: 'compute.associate-address', instance: target.uid });
    expect((await associate(first)).status).toBe('succeeded');
    expect((await associate(second)).status).toBe('succeeded');
    // EC2 took the first address off the instance; the store says so without a sync.
    expect(await h.store.resources.get(first.uid)).toMatchObject({
      state: 'available',
      attributes: { instanceId: null, associationId: null },
    });
    const [scope] = (await connection.scopes()).filter((s) => s.region === 'us-east-1');
    const live = (await list(scope!, 'ec2.address')).find((a) => a.id === first.id)!;
    expect(live.state).toBe('available');
    expect(await detailActions(first.uid)).toEqual(['compute.associate-address']);
    // Put back as it was, for the tests that follow.
    expect((await run(second.uid, { action: 'compute.disassociate-address' })).status).toBe(
      'succeeded',
    );
  });

  it('refuses a wrong instance with a clear 400 before anything is sent', async () => {
    const address = inRegion('ec2.address', 'us-east-1').find((a) => a.state === 'available')!;
    const elsewhere = inRegion('ec2.instance', 'eu-west-1')[0]!;
    const otherAddress = stored.find((r) => r.type === 'ec2.address' && r.uid !== address.uid)!;
    const audited = (await trail(address.uid)).length;
    sandbox.resetStats();
    const cases: [string, RegExp][] = [
      [elsewhere.uid, /^The instance is in \d+\/eu-west-1; the address is in \d+\/us-east-1$/],
      [otherAddress.uid, /^An address is associated with an ec2\.instance$/],
      [
        `aws/${address.account}/us-east-1/ec2.instance/i-00000000000000000`,
        /^That instance is not in the inventory$/,
      ],
      ['<script>alert(1)</script>', /^json\.instance: expected a resource uid$/],
      ['aws/../../../etc/passwd', /^json\.instance: expected a resource uid$/],
      [
        `aws/${address.account}/us-east-1/ec2.instance/${'9'.repeat(3000)}`,
        /^json\.instance: expected a resource uid$/,
      ],
    ];
    for (const [instance, message] of cases) {
      const answer = await refusedWith(address.uid, {
        action: 'compute.associate-address',
        instance,
      });
      expect(answer.status, instance).toBe(400);
      expect(answer.code).toBe('invalid_input');
      expect(answer.reason, instance).toMatch(message);
    }
    const instance = inRegion('ec2.instance', 'us-east-1')[0]!;
    expect(
      await refusedWith(instance.uid, { action: 'compute.disassociate-address' }),
    ).toMatchObject({
      status: 409,
      message: 'Cannot disassociate: disassociate applies to Elastic IPs',
    });
    expect(
      await refusedWith(
        address.uid,
        { action: 'compute.associate-address', instance: instance.uid },
        vera,
      ),
    ).toMatchObject({ status: 403 });
    expect(sandbox.stats().byOperation['ec2:AssociateAddress']).toBeUndefined();
    expect(await trail(address.uid)).toHaveLength(audited);
  });
});

describe('ECS task-definition revisions on the sandbox', () => {
  it('registers a new revision with a new image, waits until stable and stores it', async () => {
    const service = inRegion('ecs.service', 'us-east-1').find(
      (s) => s.state === 'active' && Array.isArray(s.attributes['containers']),
    )!;
    const containers = service.attributes['containers'] as { name: string; image: string }[];
    const container = containers[0]!.name;
    const before = service.attributes['taskDefinition'] as string;
    expect(await detailActions(service.uid)).toEqual(['compute.scale', 'compute.deploy']);

    const done = await run(service.uid, {
      action: 'compute.deploy',
      images: { [container]: 'registry.example.com/app:2.0.0' },
    });
    expect(done).toMatchObject({ status: 'succeeded', state: 'active', error: null });
    const steps = done.steps.map((s) => s.step);
    expect(steps).toEqual(expect.arrayContaining(['registered', 'deploying', 'stable', 'done']));
    const after = await h.store.resources.get(service.uid);
    const revision = after!.attributes['taskDefinition'] as string;
    expect(revision).not.toBe(before);
    expect(revision.replace(/:\d+$/, '')).toBe(before.replace(/:\d+$/, ''));
    expect(after!.attributes['containers']).toEqual(
      containers.map((c) =>
        c.name === container ? { ...c, image: 'registry.example.com/app:2.0.0' } : c,
      ),
    );
    // The next sync reads the same revision from ECS.
    const [scope] = (await connection.scopes()).filter((s) => s.region === 'us-east-1');
    const live = (await list(scope!, 'ecs.service')).find((s) => s.id === service.id)!;
    expect(live.attributes['taskDefinition']).toBe(revision);
    expect(live.attributes['stable']).toBe(true);

    const events = await trail(service.uid);
    expect(events.map((e) => e.outcome)).toEqual(['pending', 'success']);
    expect(events[0]!.detail).toMatchObject({
      previousTaskDefinition: before,
      images: { [container]: 'registry.example.com/app:2.0.0' },
    });
    expect(events[1]!.detail).toMatchObject({ taskDefinition: revision });

    // The same image again changes nothing: ECS's live revision says so, and nothing is
    // registered.
    sandbox.resetStats();
    expect(
      await run(service.uid, {
        action: 'compute.deploy',
        images: { [container]: 'registry.example.com/app:2.0.0' },
      }),
    ).toMatchObject({ status: 'failed', error: { code: 'invalid_input' } });
    expect(sandbox.stats().byOperation['ecs:RegisterTaskDefinition']).toBeUndefined();
  });

  it('deploys an image the store still holds when ECS runs another since the last sync', async () => {
    const service = inRegion('ecs.service', 'us-east-1').find(
      (s) => s.state === 'active' && Array.isArray(s.attributes['containers']),
    )!;
    const [first] = service.attributes['containers'] as { name: string; image: string }[];
    const elsewhere = await run(service.uid, {
      action: 'compute.deploy',
      images: { [first!.name]: 'registry.example.com/app:3.0.0' },
    });
    expect(elsewhere.status).toBe('succeeded');
    // The store goes back to the image of the last sync, as if the deploy had been made
    // outside ccx; deploying that image is a real change and goes through.
    const now = await h.store.resources.get(service.uid);
    await h.store.resources.refreshLive(service.uid, {
      state: now!.state,
      attributes: { containers: service.attributes['containers'] },
    });
    const back = await run(service.uid, {
      action: 'compute.deploy',
      images: { [first!.name]: first!.image },
    });
    expect(back).toMatchObject({ status: 'succeeded', error: null });
  });

  it('refuses hostile container names and images, unknown containers and other types', async () => {
    const service = inRegion('ecs.service', 'us-east-1').find((s) => s.state === 'active')!;
    const audited = (await trail(service.uid)).length;
    sandbox.resetStats();
    for (const images of [
      { '<img src=x onerror=alert(1)>': 'nginx:1' },
      { '../../etc': 'nginx:1' },
      { app: 'nginx:1"><script>alert(1)</script>' },
      { app: '../../../../etc/passwd' },
      { app: 'nginx latest' },
      { app: 'x'.repeat(300) },
    ]) {
      const answer = await refusedWith(service.uid, { action: 'compute.deploy', images });
      expect(answer.status, JSON.stringify(images)).toBe(400);
      expect(answer.code).toBe('invalid_input');
      expect(answer.reason).toMatch(
        /^json\.images(\.[a-z]+)?: expected (a )?container (names?|image)/,
      );
    }
    for (const body of [
      { action: 'compute.deploy' },
      { action: 'compute.deploy', cpu: 'lots' },
      { action: 'compute.deploy', memory: 2048 },
      { action: 'compute.deploy', cpu: '256', taskRoleArn: 'arn:aws:iam::1:role/admin' },
    ])
      expect((await refusedWith(service.uid, body)).status, JSON.stringify(body)).toBe(400);
    const instance = inRegion('ec2.instance', 'us-east-1')[0]!;
    expect(await refusedWith(instance.uid, { action: 'compute.deploy', cpu: '512' })).toMatchObject(
      {
        status: 409,
        message: 'Cannot deploy: a new revision applies to container services',
      },
    );
    expect(
      (await refusedWith(service.uid, { action: 'compute.deploy', cpu: '512' }, vera)).status,
    ).toBe(403);
    expect(sandbox.stats().byOperation['ecs:RegisterTaskDefinition']).toBeUndefined();
    expect(await trail(service.uid)).toHaveLength(audited);
    // A container the live revision lacks is refused by the provider, before registering.
    expect(
      await run(service.uid, { action: 'compute.deploy', images: { ghost: 'nginx:1' } }),
    ).toMatchObject({
      status: 'failed',
      error: { code: 'invalid_input', message: 'The task definition has no container ghost' },
    });
    expect(sandbox.stats().byOperation['ecs:RegisterTaskDefinition']).toBeUndefined();
  });
});
