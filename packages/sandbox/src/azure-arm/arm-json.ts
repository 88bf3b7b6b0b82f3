import type { ArmDisk, ArmVm } from './arm-estate';
import type { VmView } from './vm-power';
import type { VmSize } from './vm-sizes';

const POWER_DISPLAY: Record<VmView['power'], string> = {
  starting: 'VM starting',
  running: 'VM running',
  stopping: 'VM stopping',
  stopped: 'VM stopped',
  deallocating: 'VM deallocating',
  deallocated: 'VM deallocated',
};

/** The instance view's statuses: provisioning state, then power state, as ARM orders them. */
export function instanceViewJson(vm: ArmVm, view: VmView, now: number): Record<string, unknown> {
  const provisioning = view.provisioningState === 'Updating' ? 'updating' : 'succeeded';
  return {
    computerName: vm.name,
    osName: vm.osType === 'Windows' ? 'Windows Server 2022 Datacenter' : 'ubuntu',
    osVersion: vm.osType === 'Windows' ? '10.0.20348' : '22.04',
    hyperVGeneration: 'V2',
    statuses: [
      {
        code: `ProvisioningState/${provisioning}`,
        level: 'Info',
        displayStatus:
          view.provisioningState === 'Updating' ? 'Updating' : 'Provisioning succeeded',
        time: new Date(now).toISOString(),
      },
      { code: `PowerState/${view.power}`, level: 'Info', displayStatus: POWER_DISPLAY[view.power] },
    ],
  };
}

function managedDisk(disk: ArmDisk | undefined, id: string) {
  return { id, storageAccountType: disk?.sku ?? 'Premium_LRS' };
}

/** A VM resource as ARM returns it; `instanceView` inline for `$expand` / `statusOnly`. */
export function vmJson(
  vm: ArmVm,
  view: VmView,
  disks: ReadonlyMap<string, ArmDisk>,
  options: { instanceView?: boolean; now: number },
): Record<string, unknown> {
  const osDisk = disks.get(vm.osDiskId.toLowerCase());
  return {
    name: vm.name,
    id: vm.id,
    type: 'Microsoft.Compute/virtualMachines',
    location: vm.location,
    tags: { ...vm.tags },
    ...(vm.zones.length > 0 ? { zones: [...vm.zones] } : {}),
    properties: {
      vmId: vm.vmId,
      hardwareProfile: { vmSize: vm.size },
      storageProfile: {
        osDisk: {
          osType: vm.osType,
          name: osDisk?.name ?? vm.osDiskId.split('/').at(-1),
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: managedDisk(osDisk, vm.osDiskId),
          deleteOption: 'Delete',
          diskSizeGB: osDisk?.sizeGiB ?? 30,
        },
        dataDisks: vm.dataDiskIds.map((id, lun) => {
          const disk = disks.get(id.toLowerCase());
          return {
            lun,
            name: disk?.name ?? id.split('/').at(-1),
            createOption: 'Attach',
            caching: 'None',
            managedDisk: managedDisk(disk, id),
            deleteOption: 'Detach',
            diskSizeGB: disk?.sizeGiB ?? 128,
            toBeDetached: false,
          };
        }),
      },
      osProfile: {
        computerName: vm.name,
        adminUsername: 'azureuser',
        ...(vm.osType === 'Linux'
          ? { linuxConfiguration: { disablePasswordAuthentication: true } }
          : { windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true } }),
      },
      networkProfile: {
        networkInterfaces: vm.nicIds.map((id, i) => ({ id, properties: { primary: i === 0 } })),
      },
      priority: vm.priority,
      ...(vm.priority === 'Spot' ? { evictionPolicy: 'Deallocate' } : {}),
      provisioningState: view.provisioningState,
      timeCreated: vm.timeCreated,
      ...(options.instanceView ? { instanceView: instanceViewJson(vm, view, options.now) } : {}),
    },
  };
}

/**
 * A managed disk. `diskState` follows what it is attached to: `Attached` to a VM that holds
 * its allocation, `Reserved` to a deallocated one, `Unattached` when nothing holds it.
 */
export function diskJson(disk: ArmDisk, owner: { view: VmView } | null): Record<string, unknown> {
  const diskState =
    disk.managedBy === null
      ? 'Unattached'
      : owner?.view.power === 'deallocated'
        ? 'Reserved'
        : 'Attached';
  return {
    name: disk.name,
    id: disk.id,
    type: 'Microsoft.Compute/disks',
    location: disk.location,
    tags: { ...disk.tags },
    ...(disk.managedBy ? { managedBy: disk.managedBy } : {}),
    sku: { name: disk.sku, tier: disk.sku.startsWith('Premium') ? 'Premium' : 'Standard' },
    properties: {
      ...(disk.osType ? { osType: disk.osType } : {}),
      hyperVGeneration: 'V2',
      creationData: { createOption: disk.osType ? 'FromImage' : 'Empty' },
      diskSizeGB: disk.sizeGiB,
      diskSizeBytes: disk.sizeGiB * 1024 ** 3,
      timeCreated: disk.timeCreated,
      provisioningState: 'Succeeded',
      diskState,
    },
  };
}

export const sizeJson = (size: VmSize): Record<string, unknown> => ({ ...size });
