import { makeResource, type Resource } from '@ccx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

/**
 * A resource's detail lists what links to it however many other resources of the kind its
 * region holds: the unrelated ones here sort ahead of the related ones and outnumber any page.
 */
const UNRELATED = 2100;
const AWS_ACCOUNT = '111111111111';
const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const VM_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-1`;
const diskId = (name: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Compute/disks/${name}`;

let h: Harness;
let vera: Caller;

function resource(
  provider: 'aws' | 'azure',
  account: string,
  region: string,
  type: string,
  id: string,
  attributes: Record<string, unknown>,
): Resource {
  return makeResource({
    provider,
    account,
    region,
    type,
    id,
    name: null,
    state: null,
    tags: {},
    createdAt: null,
    attributes,
  });
}

async function put(resources: Resource[]): Promise<void> {
  const [first] = resources;
  if (!first) return;
  await h.store.resources.applyBatch({
    scope: {
      connection: 'lab',
      provider: first.provider,
      account: first.account,
      region: first.region,
    },
    type: first.type,
    runId: 'seed',
    resources,
  });
}

async function relatedIds(uid: string): Promise<string[]> {
  const response = await h.request(`/api/compute/${encodeURIComponent(uid)}`, { as: vera });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { related: { id: string }[] };
  return body.related.map((r) => r.id).sort();
}

beforeAll(async () => {
  h = await createHarness();
  await h.addUser('vera', 'viewer');
  vera = await h.login('vera');
});
afterAll(async () => {
  await h.close();
});

describe('GET /api/compute/{uid}: related resources', () => {
  it('finds an instance’s volumes (either side names the link) and address behind thousands of others', async () => {
    const aws = (type: string, id: string, attributes: Record<string, unknown>) =>
      resource('aws', AWS_ACCOUNT, 'us-east-1', type, id, attributes);
    const instance = aws('ec2.instance', 'i-0related', {
      instanceType: 't3.micro',
      volumeIds: ['vol-zz-listed'],
    });
    await put([instance]);
    const pad = (i: number) => String(i).padStart(5, '0');
    await put([
      ...Array.from({ length: UNRELATED }, (_, i) =>
        aws('ec2.volume', `vol-0${pad(i)}`, { attachedInstanceId: `i-other${i % 7}` }),
      ),
      aws('ec2.volume', 'vol-zz-attached', { attachedInstanceId: 'i-0related' }),
      aws('ec2.volume', 'vol-zz-listed', { attachedInstanceId: null }),
      // Another instance whose id only differs in case is someone else's.
      aws('ec2.volume', 'vol-zz-foreign', { attachedInstanceId: 'I-0RELATED' }),
    ]);
    await put([
      ...Array.from({ length: UNRELATED }, (_, i) =>
        aws('ec2.address', `eipalloc-0${pad(i)}`, { instanceId: null }),
      ),
      aws('ec2.address', 'eipalloc-zz', { instanceId: 'i-0related' }),
    ]);
    expect(await relatedIds(instance.uid)).toEqual([
      'eipalloc-zz',
      'vol-zz-attached',
      'vol-zz-listed',
    ]);
  });

  it('finds a VM’s disks by its disk ids or their managedBy, whatever the case of the ARM ids', async () => {
    const azure = (type: string, id: string, attributes: Record<string, unknown>) =>
      resource('azure', SUBSCRIPTION, 'westeurope', type, id, attributes);
    const vm = azure('azure.vm', VM_ID, {
      vmSize: 'Standard_B2s',
      osDiskId: diskId('VM-WEB-1_OSDISK'),
      dataDiskIds: [diskId('vm-web-1-data-0')],
    });
    await put([vm]);
    await put([
      ...Array.from({ length: UNRELATED }, (_, i) =>
        azure('azure.disk', diskId(`a-spare-${String(i).padStart(5, '0')}`), { managedBy: null }),
      ),
      azure('azure.disk', diskId('vm-web-1_OsDisk'), { managedBy: VM_ID.toUpperCase() }),
      azure('azure.disk', diskId('vm-web-1-data-0'), { managedBy: null }),
      azure('azure.disk', diskId('vm-web-1-data-1'), { managedBy: VM_ID.toLowerCase() }),
      azure('azure.disk', diskId('vm-web-10-os'), { managedBy: `${VM_ID}0` }),
    ]);
    expect(await relatedIds(vm.uid)).toEqual(
      [diskId('vm-web-1-data-0'), diskId('vm-web-1-data-1'), diskId('vm-web-1_OsDisk')].sort(),
    );
  });
});
