import { deriveSeed } from '@ccx/core';
import { createPrng, type Prng } from '../prng';
import { AZURE_LOCATIONS, sizesIn } from './vm-sizes';

/** Power states as the instance view reports them (`PowerState/<state>`). */
export type PowerState =
  'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated';

/** A stretch of a transition: the VM shows `state` until `until` (epoch ms). */
export interface Phase {
  state: PowerState;
  until: number;
}

export interface ArmVm {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** The ARM id, as ARM spells it (resource group in its declared case). */
  id: string;
  vmId: string;
  size: string;
  osType: 'Linux' | 'Windows';
  zones: string[];
  priority: 'Regular' | 'Spot';
  tags: Record<string, string>;
  timeCreated: string;
  osDiskId: string;
  dataDiskIds: string[];
  nicIds: string[];
  /** The state once every phase has passed. */
  power: PowerState;
  phases: Phase[];
  /** `Updating` while a size change is applied. */
  updatingUntil: number | null;
}

export interface ArmDisk {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  id: string;
  sku: 'Premium_LRS' | 'StandardSSD_LRS' | 'Standard_LRS';
  sizeGiB: number;
  osType: 'Linux' | 'Windows' | null;
  /** The VM id the disk is attached to; null when unattached. */
  managedBy: string | null;
  tags: Record<string, string>;
  timeCreated: string;
}

export interface ArmSubscription {
  id: string;
  name: string;
}

export interface ArmEstate {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptions: ArmSubscription[];
  /** Keyed by the lower-cased ARM id: ARM ids are case-insensitive. */
  vms: Map<string, ArmVm>;
  disks: Map<string, ArmDisk>;
}

const HEX = '0123456789abcdef';
const uuid = (prng: Prng) => [8, 4, 4, 4, 12].map((length) => prng.chars(HEX, length)).join('-');

interface GroupPlan {
  name: string;
  env: string;
  roles: readonly string[];
}

/** Resource groups per subscription: a production one with several workloads, a dev/test one. */
const PLANS: readonly { name: string; groups: readonly GroupPlan[] }[] = [
  {
    name: 'ccx-sandbox-production',
    groups: [
      { name: 'rg-web-prod', env: 'prod', roles: ['web', 'api'] },
      { name: 'rg-data-prod', env: 'prod', roles: ['db', 'cache'] },
      { name: 'rg-batch-prod', env: 'prod', roles: ['batch', 'etl'] },
    ],
  },
  {
    name: 'ccx-sandbox-development',
    groups: [
      { name: 'rg-dev', env: 'dev', roles: ['devbox', 'api'] },
      { name: 'rg-test', env: 'test', roles: ['ci', 'web'] },
    ],
  },
];

/** Sizes per role: databases get memory-optimised sizes, batch gets compute-optimised ones. */
const SIZES_FOR: Readonly<Record<string, readonly string[]>> = {
  web: ['Standard_B2s', 'Standard_D2s_v5', 'Standard_D4s_v5'],
  api: ['Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_B2ms'],
  db: ['Standard_E4s_v5', 'Standard_E8s_v5', 'Standard_E2s_v5'],
  cache: ['Standard_E2s_v5', 'Standard_D2s_v5'],
  batch: ['Standard_F4s_v2', 'Standard_F8s_v2', 'Standard_D8s_v5'],
  etl: ['Standard_F2s_v2', 'Standard_D4s_v5'],
  devbox: ['Standard_B2ms', 'Standard_B4ms', 'Standard_D4s_v5'],
  ci: ['Standard_F4s_v2', 'Standard_B2s'],
};

const diskId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/disks/${name}`;

/**
 * Seeds the Azure compute estate: two subscriptions, five resource groups each in one
 * location, 30–50 VMs (mostly running, some deallocated, some stopped but still billed), their
 * OS and data disks and NICs, and a few unattached disks. The same seed builds the same estate.
 */
export function seedArmEstate(seed: number, now: number): ArmEstate {
  const prng = createPrng(deriveSeed(seed, 'azure-arm'));
  const tenantId = uuid(prng);
  const clientId = uuid(prng);
  // Entra client secrets are 40 characters with a `~` in the fourth place.
  const clientSecret = `${prng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 3)}8Q~${prng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-', 37)}`;
  const estate: ArmEstate = {
    tenantId,
    clientId,
    clientSecret,
    subscriptions: [],
    vms: new Map(),
    disks: new Map(),
  };
  const addDisk = (disk: ArmDisk) => estate.disks.set(disk.id.toLowerCase(), disk);
  const created = () => new Date(now - prng.int(2, 700) * 86_400_000).toISOString();
  for (const plan of PLANS) {
    const sub = uuid(prng);
    estate.subscriptions.push({ id: sub, name: plan.name });
    plan.groups.forEach((group, g) => {
      const location = AZURE_LOCATIONS[(g + estate.subscriptions.length - 1) % 3] ?? 'westeurope';
      const offered = new Set(sizesIn(location).map((s) => s.name));
      const count = prng.int(6, 10);
      for (let i = 1; i <= count; i++) {
        const role = group.roles[(i - 1) % group.roles.length] ?? 'web';
        const name = `${role}-${group.env}-${String(i).padStart(2, '0')}`;
        const id = `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Compute/virtualMachines/${name}`;
        const osType = role === 'devbox' || prng.next() < 0.15 ? 'Windows' : 'Linux';
        const sizes = (SIZES_FOR[role] ?? ['Standard_D2s_v5']).filter((s) => offered.has(s));
        const power = prng.weighted<PowerState>([
          ['running', 0.7],
          ['deallocated', 0.15],
          ['stopped', 0.15],
        ]);
        const osDisk = `${name}_OsDisk_1_${prng.chars(HEX, 32)}`;
        addDisk({
          subscriptionId: sub,
          resourceGroup: group.name,
          name: osDisk,
          location,
          id: diskId(sub, group.name, osDisk),
          sku: group.env === 'prod' ? 'Premium_LRS' : 'StandardSSD_LRS',
          sizeGiB: osType === 'Windows' ? 127 : 30,
          osType,
          managedBy: id,
          tags: {},
          timeCreated: created(),
        });
        const dataDiskIds: string[] = [];
        const dataDisks = role === 'db' ? 2 : prng.next() < 0.3 ? 1 : 0;
        for (let d = 0; d < dataDisks; d++) {
          const diskName = `${name}-data-${d}`;
          addDisk({
            subscriptionId: sub,
            resourceGroup: group.name,
            name: diskName,
            location,
            id: diskId(sub, group.name, diskName),
            sku: 'Premium_LRS',
            sizeGiB: prng.pick([128, 256, 512, 1024]),
            osType: null,
            managedBy: id,
            tags: { env: group.env },
            timeCreated: created(),
          });
          dataDiskIds.push(diskId(sub, group.name, diskName));
        }
        const vm: ArmVm = {
          subscriptionId: sub,
          resourceGroup: group.name,
          name,
          location,
          id,
          vmId: uuid(prng),
          size: prng.pick(sizes),
          osType,
          zones: prng.next() < 0.5 ? [String(prng.int(1, 3))] : [],
          priority: group.env !== 'prod' && prng.next() < 0.2 ? 'Spot' : 'Regular',
          tags: {
            env: group.env,
            app: role,
            team: prng.pick(['platform', 'payments', 'search', 'data']),
          },
          timeCreated: created(),
          osDiskId: diskId(sub, group.name, osDisk),
          dataDiskIds,
          nicIds: [
            `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Network/networkInterfaces/${name}-nic`,
          ],
          power,
          phases: [],
          updatingUntil: null,
        };
        estate.vms.set(id.toLowerCase(), vm);
      }
      // Left behind by deleted VMs: billed every month, attached to nothing.
      const orphans = prng.int(1, 2);
      for (let o = 1; o <= orphans; o++) {
        const diskName = `orphan-${group.env}-${prng.chars(HEX, 6)}`;
        addDisk({
          subscriptionId: sub,
          resourceGroup: group.name,
          name: diskName,
          location,
          id: diskId(sub, group.name, diskName),
          sku: prng.pick(['Premium_LRS', 'StandardSSD_LRS', 'Standard_LRS'] as const),
          sizeGiB: prng.pick([64, 128, 256, 512]),
          osType: null,
          managedBy: null,
          tags: { env: group.env },
          timeCreated: created(),
        });
      }
    });
  }
  return estate;
}
