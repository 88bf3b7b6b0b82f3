import { describe, expect, it } from 'vitest';
import { ACTIONS, actionInputSchema, actionNameSchema, taskDefinitionChangeSchema } from './action';

const parse = (body: unknown) => actionInputSchema.safeParse(body);
const INSTANCE_UID = 'aws/123456789012/us-east-1/ec2.instance/i-0123456789abcdef0';

describe('actionInputSchema', () => {
  it('names every action of the table', () => {
    expect(actionNameSchema.options).toEqual(Object.keys(ACTIONS));
    expect(ACTIONS['compute.deploy'].role).toBe('operator');
  });

  it('takes a deploy with images, cpu or memory, and refuses one that changes nothing', () => {
    expect(
      parse({ action: 'compute.deploy', images: { web: 'nginx:1.27', 'side_car-2': 'repo/x' } })
        .success,
    ).toBe(true);
    expect(parse({ action: 'compute.deploy', cpu: '256', memory: '1024' }).success).toBe(true);
    expect(
      parse({
        action: 'compute.deploy',
        images: {
          app: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:' + 'a'.repeat(64),
        },
      }).success,
    ).toBe(true);
    expect(parse({ action: 'compute.deploy' }).success).toBe(false);
    expect(parse({ action: 'compute.deploy', images: {} }).success).toBe(false);
    expect(parse({ action: 'compute.deploy', cpu: '256', size: 'x' }).success).toBe(false);
  });

  it('refuses hostile container names and images, and cpu or memory that ECS would not read', () => {
    const hostile = [
      { images: { '<script>': 'nginx' } },
      { images: { '../etc': 'nginx' } },
      { images: { ['a'.repeat(256)]: 'nginx' } },
      { images: { web: '<img src=x onerror=alert(1)>' } },
      { images: { web: 'nginx latest' } },
      { images: { web: 'repo/../../secret' } },
      { images: { web: 'repo//name' } },
      { images: { web: '-flag' } },
      { images: { web: 'a'.repeat(256) } },
      { images: { web: 'nginx\n' } },
      { images: { web: 'user:secret@registry.example.com/app:1' } },
      { images: { web: 'registry.example.com/app@latest' } },
      { images: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`c${i}`, 'nginx'])) },
      { cpu: '0' },
      { cpu: '1 vCPU; rm' },
      { cpu: 256 },
      { memory: '-512' },
      { memory: '12345678' },
    ];
    for (const body of hostile)
      expect(parse({ action: 'compute.deploy', ...body }).success, JSON.stringify(body)).toBe(
        false,
      );
  });

  it('refuses a container named __proto__ rather than dropping it from the change', () => {
    // As JSON.parse and Object.fromEntries build it: an own property, not the prototype.
    const images = JSON.parse('{"__proto__":"nginx:1","web":"nginx:1.27"}') as unknown;
    expect(parse({ action: 'compute.deploy', images }).success).toBe(false);
    expect(parse({ action: 'compute.deploy', cpu: '256', images }).success).toBe(false);
    expect(taskDefinitionChangeSchema.safeParse({ images }).success).toBe(false);
    // Names that are only Object members elsewhere are ordinary container names.
    const members = parse({
      action: 'compute.deploy',
      images: { constructor: 'nginx:1', toString: 'nginx:2' },
    });
    expect(members.success && members.data).toMatchObject({
      images: { constructor: 'nginx:1', toString: 'nginx:2' },
    });
  });

  it('holds a provider’s task-definition change to the same rules as a deploy', () => {
    const change = (body: Record<string, unknown>) =>
      taskDefinitionChangeSchema.safeParse(body).success;
    expect(change({ images: { web: 'nginx:1.27' }, cpu: '256', memory: '512' })).toBe(true);
    for (const body of [
      {},
      { cpu: '0' },
      { memory: '0512' },
      { images: { web: 'a'.repeat(256) } },
      { images: { web: 'user:secret@registry.example.com/app:1' } },
      { cpu: '256', taskRoleArn: 'arn:aws:iam::1:role/admin' },
    ])
      expect(change(body), JSON.stringify(body)).toBe(false);
  });

  it('takes an instance uid to associate an address with, and refuses anything else', () => {
    expect(parse({ action: 'compute.associate-address', instance: INSTANCE_UID }).success).toBe(
      true,
    );
    for (const instance of [
      '',
      'i-0123456789abcdef0',
      'aws/1/us-east-1/ec2.instance',
      'aws/1/us-east-1/ec2.instance/i-1/extra',
      'aws/1/us-east-1/ec2.instance/<b>',
      'nope/1/us-east-1/ec2.instance/i-1',
      'aws/1/us-east-1/ec2.instance/%E0%A4%A',
      'aws/../../etc/passwd',
      `aws/1/us-east-1/ec2.instance/${'a'.repeat(2100)}`,
    ])
      expect(parse({ action: 'compute.associate-address', instance }).success, instance).toBe(
        false,
      );
    expect(parse({ action: 'compute.associate-address' }).success).toBe(false);
    expect(parse({ action: 'compute.disassociate-address' }).success).toBe(true);
    expect(parse({ action: 'compute.disassociate-address', instance: INSTANCE_UID }).success).toBe(
      false,
    );
  });
});
