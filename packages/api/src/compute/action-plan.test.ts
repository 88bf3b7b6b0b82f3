import {
  actionInputSchema,
  isCcxError,
  type ActionInput,
  type ComputeActions,
  type ProviderConnection,
} from '@ccx/core';
import { awsProvider } from '@ccx/provider-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedActions, planAction, refusal, type ActionSubject } from './action-plan';

/**
 * The refusals of the deploy and address actions, decided before anything is sent: the real
 * AWS connection supplies the capability (its `compute` member), and no call ever leaves,
 * which the unroutable endpoint would make fail loudly.
 */
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let connection: ProviderConnection;
let compute: ComputeActions;

beforeAll(async () => {
  const config = awsProvider.configSchema.parse({
    name: 'plan-aws',
    provider: 'aws',
    regions: ['us-east-1'],
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'AKIDPLANTEST', secretAccessKey: 'plan-test-secret' },
  });
  connection = await awsProvider.connect('plan-aws', config, { logger: silent });
  compute = connection.compute!;
});
afterAll(async () => {
  await connection.close();
});

const base = { provider: 'aws' as const, account: '111122223333', region: 'us-east-1' };
const address = (attributes: Record<string, unknown> = {}): ActionSubject => ({
  ...base,
  type: 'ec2.address',
  id: 'eipalloc-0abc',
  state: attributes['associationId'] ? 'in-use' : 'available',
  attributes: { associationId: null, instanceId: null, publicIp: '44.1.2.3', ...attributes },
});
const instance = (id: string, overrides: Partial<ActionSubject> = {}): ActionSubject => ({
  ...base,
  type: 'ec2.instance',
  id,
  state: 'running',
  attributes: { instanceType: 'm5.large' },
  ...overrides,
});
const service = (attributes: Record<string, unknown> = {}): ActionSubject => ({
  ...base,
  type: 'ecs.service',
  id: 'prod-web/api',
  state: 'active',
  attributes: {
    taskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/api:4',
    taskCpu: '256',
    taskMemory: '512',
    containers: [
      { name: 'app', image: 'registry.example.com/api:1.0.0' },
      { name: 'proxy', image: 'envoy:1.30' },
    ],
    ...attributes,
  },
});
const uidOf = (s: ActionSubject) => `aws/${s.account}/${s.region}/${s.type}/${s.id}`;
const input = (body: Record<string, unknown>): ActionInput => actionInputSchema.parse(body);

/** The error `planAction` throws, as code and message. */
function refused(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isCcxError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('deploy', () => {
  it('is offered on an active service only, to operators', () => {
    expect(allowedActions(service(), compute, 'operator')).toEqual([
      'compute.scale',
      'compute.deploy',
    ]);
    expect(allowedActions(service(), compute, 'viewer')).toEqual([]);
    expect(refusal({ ...service(), state: 'draining' }, compute, 'compute.deploy')).toBe(
      'Deploy is not possible while it is draining',
    );
    expect(refusal(instance('i-0aaa'), compute, 'compute.deploy')).toBe(
      'a new revision applies to container services',
    );
  });

  it('plans the change, waits for stable and patches the stored revision afterwards', () => {
    const plan = planAction(
      service(),
      compute,
      input({ action: 'compute.deploy', images: { app: 'registry.example.com/api:1.1.0' } }),
    );
    expect(plan.waitFor).toBe('stable');
    expect(plan.audit).toEqual({
      previousTaskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/api:4',
    });
    const after = plan.attributesAfter!({
      state: 'active',
      detail: { taskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/api:5' },
    });
    expect(after).toEqual({
      taskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/api:5',
      containers: [
        { name: 'app', image: 'registry.example.com/api:1.1.0' },
        { name: 'proxy', image: 'envoy:1.30' },
      ],
    });
  });

  it('leaves unknown containers and changes that change nothing to the provider’s live revision', () => {
    // The stored service may be a sync behind: a container added or an image changed outside
    // ccx since then must not refuse a valid deploy, so the plan is made and the provider
    // judges against the revision ECS has now (see the ECS provider tests).
    for (const body of [
      { action: 'compute.deploy', images: { db: 'pg:16' } },
      { action: 'compute.deploy', images: { proxy: 'envoy:1.30' }, cpu: '256' },
    ]) {
      const plan = planAction(service(), compute, input(body));
      expect(plan.waitFor).toBe('stable');
    }
    const unknown = planAction(
      service({ containers: null }),
      compute,
      input({ action: 'compute.deploy', images: { db: 'pg:16' } }),
    );
    expect(unknown.waitFor).toBe('stable');
  });

  it('keeps the stored image of a container whose name is an Object member', () => {
    const plan = planAction(
      service({
        containers: [
          { name: 'constructor', image: 'registry.example.com/ctor:1' },
          { name: 'toString', image: null },
          { name: 'app', image: 'registry.example.com/api:1.0.0' },
        ],
      }),
      compute,
      input({ action: 'compute.deploy', images: { app: 'registry.example.com/api:1.1.0' } }),
    );
    const after = plan.attributesAfter!({ state: 'active', detail: {} });
    expect(after['containers']).toEqual([
      { name: 'constructor', image: 'registry.example.com/ctor:1' },
      { name: 'toString', image: null },
      { name: 'app', image: 'registry.example.com/api:1.1.0' },
    ]);
  });
});

describe('associate and disassociate an address', () => {
  const free = address();
  const held = address({ associationId: 'eipassoc-1', instanceId: 'i-0bbb' });

  it('offers associate on a free address and disassociate on an associated one', () => {
    expect(allowedActions(free, compute, 'operator')).toEqual(['compute.associate-address']);
    expect(allowedActions(held, compute, 'operator')).toEqual(['compute.disassociate-address']);
    expect(allowedActions(held, compute, 'viewer')).toEqual([]);
    expect(refusal(free, compute, 'compute.disassociate-address')).toBe(
      'it is not associated with an instance',
    );
    expect(refusal(held, compute, 'compute.associate-address')).toBe(
      'it is already associated with i-0bbb; disassociate it first',
    );
    expect(refusal(instance('i-0aaa'), compute, 'compute.associate-address')).toBe(
      'associate applies to Elastic IPs',
    );
    expect(refusal(service(), compute, 'compute.disassociate-address')).toBe(
      'disassociate applies to Elastic IPs',
    );
  });

  it('plans an association with an instance beside it, read back from the call', () => {
    const target = instance('i-0aaa');
    const plan = planAction(
      free,
      compute,
      input({ action: 'compute.associate-address', instance: uidOf(target) }),
      { instance: target },
    );
    expect([plan.waitFor, plan.readBack]).toEqual([null, 'result']);
    expect(
      plan.attributesAfter!({ state: 'in-use', detail: { associationId: 'eipassoc-9' } }),
    ).toEqual({
      associationId: 'eipassoc-9',
      instanceId: 'i-0aaa',
    });
    const stopped = instance('i-0ccc', { state: 'stopped' });
    expect(
      planAction(
        free,
        compute,
        input({ action: 'compute.associate-address', instance: uidOf(stopped) }),
        { instance: stopped },
      ).readBack,
    ).toBe('result');
  });

  it('refuses each wrong instance with its reason, before anything is sent', () => {
    const cases: [ActionSubject | null, string, ActionSubject][] = [
      [null, 'That instance is not in the inventory', instance('i-0ddd')],
      [
        instance('i-0eee', { region: 'eu-west-1' }),
        'The instance is in 111122223333/eu-west-1; the address is in 111122223333/us-east-1',
        instance('i-0eee', { region: 'eu-west-1' }),
      ],
      [
        instance('i-0fff', { account: '999988887777' }),
        'The instance is in 999988887777/us-east-1; the address is in 111122223333/us-east-1',
        instance('i-0fff', { account: '999988887777' }),
      ],
      [
        instance('i-0111', { state: 'terminated' }),
        'The instance is terminated',
        instance('i-0111'),
      ],
      [
        { ...instance('i-0222'), deletedAt: '2026-11-01T00:00:00Z' },
        'That instance is not in the inventory',
        instance('i-0222'),
      ],
    ];
    for (const [stored, message, named] of cases)
      expect(
        refused(() =>
          planAction(
            free,
            compute,
            input({ action: 'compute.associate-address', instance: uidOf(named) }),
            { instance: stored },
          ),
        ),
      ).toEqual({ code: 'invalid_input', message });
    const volume = { ...instance('vol-1'), type: 'ec2.volume' };
    expect(
      refused(() =>
        planAction(
          free,
          compute,
          input({ action: 'compute.associate-address', instance: uidOf(volume) }),
          { instance: volume },
        ),
      ),
    ).toEqual({ code: 'invalid_input', message: 'An address is associated with an ec2.instance' });
  });

  it('says an address is already associated with that instance, and refuses moving it', () => {
    const same = instance('i-0bbb');
    expect(
      refused(() =>
        planAction(
          held,
          compute,
          input({ action: 'compute.associate-address', instance: uidOf(same) }),
          { instance: same },
        ),
      ),
    ).toEqual({ code: 'invalid_input', message: 'It is already associated with i-0bbb' });
    const other = instance('i-0aaa');
    expect(
      refused(() =>
        planAction(
          held,
          compute,
          input({ action: 'compute.associate-address', instance: uidOf(other) }),
          { instance: other },
        ),
      ),
    ).toEqual({
      code: 'conflict',
      message: 'Cannot associate: it is already associated with i-0bbb; disassociate it first',
    });
  });

  it('plans a disassociation that clears the stored association', () => {
    const plan = planAction(held, compute, input({ action: 'compute.disassociate-address' }));
    expect(plan.audit).toEqual({ previousInstanceId: 'i-0bbb' });
    expect(plan.attributesAfter!({ state: 'available', detail: {} })).toMatchObject({
      associationId: null,
      instanceId: null,
    });
    expect(
      refused(() => planAction(free, compute, input({ action: 'compute.disassociate-address' }))),
    ).toEqual({
      code: 'conflict',
      message: 'Cannot disassociate: it is not associated with an instance',
    });
  });
});
