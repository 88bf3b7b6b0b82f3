import { describe, expect, it } from 'vitest';
import { useComputeSandbox } from '../compute-sandbox-harness';

/**
 * `ccx compute associate | disassociate | deploy` end to end on the sandbox: the config
 * `ccx sandbox` writes, the real AWS provider and SDKs, the sandbox's EC2 and ECS. Nothing is
 * mocked.
 */
const { ccx, sandbox, sync, auditOf, stored, refuseUpdates } = useComputeSandbox();

interface Listing {
  uri: string;
  uid: string;
  type: string;
  id: string;
  state: string | null;
}

async function listed(type: string): Promise<Listing[]> {
  const answer = await ccx('ls', '--type', type, '--json');
  expect(answer.code, answer.stderr).toBe(0);
  return JSON.parse(answer.stdout) as Listing[];
}

const trail = async (uid: string): Promise<string[]> =>
  (await auditOf(uid)).map((e) => `${e.action} ${e.outcome}`);

describe('ccx compute on Elastic IPs and ECS services', () => {
  it('associates an address with an instance and disassociates it, with an audit trail', async () => {
    const address = (await listed('ec2.address')).find((a) => a.state === 'available')!;
    const instance = (await listed('ec2.instance')).find((i) => i.state === 'running')!;
    expect(address).toBeDefined();

    const refused = await ccx('associate', address.uri, '--instance', instance.uri);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');

    const associated = await ccx(
      'associate',
      address.uri,
      '--instance',
      instance.uri,
      '--yes',
      '--json',
    );
    expect(associated.code, associated.stderr).toBe(0);
    expect(JSON.parse(associated.stdout)).toMatchObject({
      uri: address.uri,
      action: 'compute.associate-address',
      state: 'in-use',
    });
    expect((await listed('ec2.address')).find((a) => a.uid === address.uid)!.state).toBe('in-use');

    // The same instance again is a bad parameter; the provider's reading says so first.
    const again = await ccx('associate', address.uri, '--instance', instance.uri, '--yes');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`already associated with ${instance.id}`);

    const freed = await ccx('disassociate', address.uri, '--yes', '--json');
    expect(freed.code, freed.stderr).toBe(0);
    expect(JSON.parse(freed.stdout)).toMatchObject({ state: 'available' });
    const twice = await ccx('disassociate', address.uri, '--yes');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('not associated with an instance');

    expect(await trail(address.uid)).toEqual([
      'compute.associate-address pending',
      'compute.associate-address success',
      'compute.disassociate-address pending',
      'compute.disassociate-address success',
    ]);
  });

  it('refuses hostile or wrong instances with exit code 2, sending nothing', async () => {
    const address = (await listed('ec2.address')).find((a) => a.state === 'available')!;
    const volume = (await listed('ec2.volume'))[0]!;
    sandbox().resetStats();
    for (const instance of ['<script>alert(1)</script>', 'aws://1/../../etc/passwd', volume.uri]) {
      const answer = await ccx('associate', address.uri, '--instance', instance, '--yes');
      expect(answer.code, instance).toBe(2);
    }
    expect(sandbox().stats().byOperation['ec2:AssociateAddress']).toBeUndefined();
    const instance = (await listed('ec2.instance'))[0]!;
    expect((await ccx('disassociate', instance.uri, '--yes')).code).toBe(1);
  });

  it('deploys a new revision with new task CPU, waiting until the service is stable', async () => {
    const service = (await listed('ecs.service')).find((s) => s.state === 'active')!;
    const deployed = await ccx(
      'deploy',
      service.uri,
      '--cpu',
      '4096',
      '--memory',
      '16384',
      '--yes',
      '--json',
    );
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stderr).toContain(`${service.uri}: registered`);
    expect(deployed.stderr).toContain(`${service.uri}: stable (active)`);
    expect(JSON.parse(deployed.stdout)).toMatchObject({
      uri: service.uri,
      action: 'compute.deploy',
      state: 'active',
    });
    expect(await trail(service.uid)).toEqual(['compute.deploy pending', 'compute.deploy success']);

    const refusals: [string[], string][] = [
      [['--image', '<b>web</b>=nginx:1'], 'images: expected container names'],
      [['--image', 'web=nginx latest'], 'images.web: expected a container image reference'],
      [['--image', 'web=../../etc/passwd'], 'images.web: expected a container image reference'],
      [['--image', 'no-equals-sign'], '--image takes NAME=IMAGE'],
      [['--image', 'web=nginx:1', '--image', 'web=nginx:2'], 'names each container once'],
      [['--image', '__proto__=nginx:1'], 'images: expected container names'],
      [['--image', '__proto__=nginx:1', '--cpu', '256'], 'images: expected container names'],
      [['--cpu', 'lots'], 'cpu: expected CPU units'],
      [[], 'at least one of images, cpu or memory'],
    ];
    for (const [args, message] of refusals) {
      const answer = await ccx('deploy', service.uri, ...args, '--yes');
      expect(answer.code, args.join(' ')).toBe(2);
      expect(answer.stderr, args.join(' ')).toContain(message);
    }
    // Without a stored service the provider refuses the unknown container, once sent.
    const unknown = await ccx('deploy', service.uri, '--image', 'ghost=nginx:1', '--yes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no container ghost');
  });
});

interface Container {
  name: string;
  image: string | null;
}

/**
 * The stored addresses of an association that moves one aside: `free` is available, `moved` is
 * in use on the instance (`instanceId`, `instanceUri`) that `free` is then associated with.
 */
async function addressesOfAMove() {
  const addresses = [];
  for (const address of await listed('ec2.address')) addresses.push((await stored(address.uid))!);
  const moved = addresses.find((a) => a.state === 'in-use')!;
  const free = addresses.find((a) => a.state === 'available')!;
  expect(moved).toBeDefined();
  expect(free).toBeDefined();
  const instanceId = moved.attributes['instanceId'] as string;
  return {
    moved,
    free,
    instanceId,
    freeUri: `aws://${free.account}/${free.region}/ec2.address/${free.id}`,
    instanceUri: `aws://${moved.account}/${moved.region}/ec2.instance/${instanceId}`,
  };
}

describe('ccx compute actions with a synced store, checked and recorded as the API does', () => {
  it('refuses an unknown container or a deploy that changes nothing before registering, from the live revision', async () => {
    const synced = await sync();
    expect(synced.code, synced.stderr).toBe(0);
    const service = (await listed('ecs.service')).find((s) => s.state === 'active')!;
    const containers = (await stored(service.uid))!.attributes['containers'] as Container[];
    const container = containers.find((c) => c.image !== null)!;
    expect(container).toBeDefined();
    const before = await trail(service.uid);
    sandbox().resetStats();

    const unknown = await ccx('deploy', service.uri, '--image', 'ghost=nginx:1', '--yes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The task definition has no container ghost');
    const same = await ccx(
      'deploy',
      service.uri,
      '--image',
      `${container.name}=${container.image!}`,
      '--yes',
    );
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('Nothing would change');
    expect(sandbox().stats().byOperation['ecs:RegisterTaskDefinition']).toBeUndefined();
    // Both were sent to the provider, which read the live revision and refused: the trail says so.
    expect(await trail(service.uid)).toEqual([
      ...before,
      'compute.deploy pending',
      'compute.deploy failure',
      'compute.deploy pending',
      'compute.deploy failure',
    ]);

    const image = `${container.image!.split(':')[0]!}:2.0.1`;
    const deployed = await ccx(
      'deploy',
      service.uri,
      '--image',
      `${container.name}=${image}`,
      '--yes',
      '--json',
    );
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ state: 'active' });
    // The store follows the new revision; ECS runs it, so the same deploy again changes nothing.
    const after = (await stored(service.uid))!.attributes['containers'] as Container[];
    expect(after.find((c) => c.name === container.name)?.image).toBe(image);
    const again = await ccx(
      'deploy',
      service.uri,
      '--image',
      `${container.name}=${image}`,
      '--yes',
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Nothing would change');
  });

  it('frees in the store the address EC2 moved aside from the instance, as the API does', async () => {
    const { moved, free, instanceId, freeUri, instanceUri } = await addressesOfAMove();

    const associated = await ccx('associate', freeUri, '--instance', instanceUri, '--yes');
    expect(associated.code, associated.stderr).toBe(0);
    expect(await stored(free.uid)).toMatchObject({
      state: 'in-use',
      attributes: { instanceId },
    });
    expect(await stored(moved.uid)).toMatchObject({
      state: 'available',
      attributes: { instanceId: null, associationId: null },
    });
    const fromStore = await ccx('ls', '--type', 'ec2.address', '--from-store', '--json');
    const states = Object.fromEntries(
      (JSON.parse(fromStore.stdout) as Listing[]).map((a) => [a.uid, a.state]),
    );
    expect(states).toMatchObject({ [free.uid]: 'in-use', [moved.uid]: 'available' });
    // The provider agrees: EC2 moved the old address aside.
    expect((await listed('ec2.address')).find((a) => a.uid === moved.uid)?.state).toBe('available');
  });

  it('reports an association EC2 made as done when the store cannot free the moved address, with a warning', async () => {
    const synced = await sync();
    expect(synced.code, synced.stderr).toBe(0);
    const { moved, free, instanceId, freeUri, instanceUri } = await addressesOfAMove();
    const before = await trail(free.uid);

    const lift = refuseUpdates(moved.uid, 'database is locked');
    let associated;
    try {
      associated = await ccx('associate', freeUri, '--instance', instanceUri, '--yes', '--json');
    } finally {
      lift();
    }
    expect(associated.code, associated.stderr).toBe(0);
    const outcome = JSON.parse(associated.stdout) as { warning: string | null };
    expect(outcome).toMatchObject({ uri: freeUri, state: 'in-use' });
    expect(outcome.warning).toBe(
      `associated, but the local inventory could not be updated: the address EC2 moved aside from ${instanceId} may still show as in use until the next sync corrects it`,
    );
    // The store's reason is for the person at the terminal only.
    expect(associated.stderr).toContain(
      `warning: ${freeUri}: ${outcome.warning} (cause: database is locked)\n`,
    );
    expect(associated.stderr).not.toContain('ccx:');
    expect(await trail(free.uid)).toEqual([
      ...before,
      'compute.associate-address pending',
      'compute.associate-address success',
    ]);
    // The audit entry of the outcome carries the warning the terminal showed, without the reason.
    const success = (await auditOf(free.uid)).at(-1)!;
    expect(success.detail).toMatchObject({ state: 'in-use', warning: outcome.warning });
    expect(JSON.stringify(success.detail)).not.toContain('database is locked');
    expect(await stored(free.uid)).toMatchObject({ state: 'in-use', attributes: { instanceId } });
    // The store could not follow; EC2 did move the old address aside, and the next sync says so.
    expect(await stored(moved.uid)).toMatchObject({ state: 'in-use', attributes: { instanceId } });
    expect((await listed('ec2.address')).find((a) => a.uid === moved.uid)?.state).toBe('available');
    const resynced = await sync();
    expect(resynced.code, resynced.stderr).toBe(0);
    expect(await stored(moved.uid)).toMatchObject({
      state: 'available',
      attributes: { instanceId: null },
    });
  });
});
