/**
 * The VM sizes the sandbox knows: the common general-purpose (B, D_v5), memory (E_v5) and
 * compute (F_v2) families, with the figures `vmSizes` reports. Not every size is offered in
 * every region: a resize to one that is not answers `SkuNotAvailable`, as Azure does.
 */
export interface VmSize {
  name: string;
  numberOfCores: number;
  memoryInMB: number;
  maxDataDiskCount: number;
  osDiskSizeInMB: number;
  resourceDiskSizeInMB: number;
}

const size = (name: string, cores: number, memoryGiB: number, disks: number): VmSize => ({
  name,
  numberOfCores: cores,
  memoryInMB: memoryGiB * 1024,
  maxDataDiskCount: disks,
  osDiskSizeInMB: 1_047_552,
  // The v5 "s" sizes have no local temp disk; B and F_v2 have one.
  resourceDiskSizeInMB: name.includes('_v5') ? 0 : cores * 8192,
});

export const VM_SIZES: readonly VmSize[] = [
  size('Standard_B1s', 1, 1, 2),
  size('Standard_B2s', 2, 4, 4),
  size('Standard_B2ms', 2, 8, 4),
  size('Standard_B4ms', 4, 16, 8),
  size('Standard_D2s_v5', 2, 8, 4),
  size('Standard_D4s_v5', 4, 16, 8),
  size('Standard_D8s_v5', 8, 32, 16),
  size('Standard_D16s_v5', 16, 64, 32),
  size('Standard_E2s_v5', 2, 16, 4),
  size('Standard_E4s_v5', 4, 32, 8),
  size('Standard_E8s_v5', 8, 64, 16),
  size('Standard_F2s_v2', 2, 4, 4),
  size('Standard_F4s_v2', 4, 8, 8),
  size('Standard_F8s_v2', 8, 16, 16),
];

export const AZURE_LOCATIONS = ['westeurope', 'eastus', 'uksouth'] as const;
export type AzureLocation = (typeof AZURE_LOCATIONS)[number];

/** Sizes a region does not offer (capacity restrictions are per subscription and region). */
const NOT_OFFERED: Readonly<Record<string, readonly string[]>> = {
  uksouth: ['Standard_E8s_v5', 'Standard_D16s_v5'],
};

const BY_LOWER_NAME = new Map(VM_SIZES.map((s) => [s.name.toLowerCase(), s]));

/** ARM matches size names case-insensitively. */
export function findVmSize(name: string): VmSize | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export function sizesIn(location: string): VmSize[] {
  const missing = NOT_OFFERED[location] ?? [];
  return VM_SIZES.filter((s) => !missing.includes(s.name));
}
