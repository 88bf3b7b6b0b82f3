/**
 * Every instance type the sandbox knows: what DescribeInstanceTypes lists and what
 * ModifyInstanceAttribute accepts. Shapes follow AWS's published specifications for the common
 * families (vCPUs, cores × threads, memory); the seeded estate draws from a subset of these.
 */
export interface InstanceTypeInfo {
  type: string;
  architecture: 'x86_64' | 'arm64';
  vcpus: number;
  coreCount: number;
  threadsPerCore: number;
  memoryMiB: number;
  /** Burstable (T) families; EC2 reports them as not EBS-optimised by default. */
  burstable: boolean;
  /** GPU families: EC2 refuses a type change between these and the others. */
  accelerated: boolean;
}

interface FamilySpec {
  family: string;
  architecture: 'x86_64' | 'arm64';
  threadsPerCore: 1 | 2;
  /** GiB per vCPU; burstable families list their memory per size instead. */
  gibPerVcpu?: number;
  sizes: readonly string[];
  burstable?: boolean;
  accelerated?: boolean;
}

/** The burstable sizes: two vCPUs up to large, then 4 and 8, with fixed memory. */
const BURSTABLE: Readonly<Record<string, { vcpus: number; gib: number }>> = {
  nano: { vcpus: 2, gib: 0.5 },
  micro: { vcpus: 2, gib: 1 },
  small: { vcpus: 2, gib: 2 },
  medium: { vcpus: 2, gib: 4 },
  large: { vcpus: 2, gib: 8 },
  xlarge: { vcpus: 4, gib: 16 },
  '2xlarge': { vcpus: 8, gib: 32 },
};

const T_SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
const X86_SIZES = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
];
const GRAVITON_SIZES = ['medium', ...X86_SIZES.slice(0, -1)];

const FAMILIES: readonly FamilySpec[] = [
  { family: 't3', architecture: 'x86_64', threadsPerCore: 2, sizes: T_SIZES, burstable: true },
  { family: 't3a', architecture: 'x86_64', threadsPerCore: 2, sizes: T_SIZES, burstable: true },
  { family: 't4g', architecture: 'arm64', threadsPerCore: 1, sizes: T_SIZES, burstable: true },
  { family: 'm5', architecture: 'x86_64', threadsPerCore: 2, gibPerVcpu: 4, sizes: X86_SIZES },
  {
    family: 'm6i',
    architecture: 'x86_64',
    threadsPerCore: 2,
    gibPerVcpu: 4,
    sizes: [...X86_SIZES, '32xlarge'],
  },
  { family: 'm7g', architecture: 'arm64', threadsPerCore: 1, gibPerVcpu: 4, sizes: GRAVITON_SIZES },
  {
    family: 'c5',
    architecture: 'x86_64',
    threadsPerCore: 2,
    gibPerVcpu: 2,
    sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '12xlarge', '18xlarge', '24xlarge'],
  },
  {
    family: 'c6i',
    architecture: 'x86_64',
    threadsPerCore: 2,
    gibPerVcpu: 2,
    sizes: [...X86_SIZES, '32xlarge'],
  },
  { family: 'c6g', architecture: 'arm64', threadsPerCore: 1, gibPerVcpu: 2, sizes: GRAVITON_SIZES },
  { family: 'c7g', architecture: 'arm64', threadsPerCore: 1, gibPerVcpu: 2, sizes: GRAVITON_SIZES },
  { family: 'r5', architecture: 'x86_64', threadsPerCore: 2, gibPerVcpu: 8, sizes: X86_SIZES },
  {
    family: 'r6i',
    architecture: 'x86_64',
    threadsPerCore: 2,
    gibPerVcpu: 8,
    sizes: [...X86_SIZES, '32xlarge'],
  },
  { family: 'r6g', architecture: 'arm64', threadsPerCore: 1, gibPerVcpu: 8, sizes: GRAVITON_SIZES },
  {
    family: 'g4dn',
    architecture: 'x86_64',
    threadsPerCore: 2,
    gibPerVcpu: 4,
    sizes: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
    accelerated: true,
  },
];

/** vCPUs of a non-burstable size: medium 1, large 2, xlarge 4, Nxlarge 4N. */
function vcpusOf(size: string): number {
  if (size === 'medium') return 1;
  if (size === 'large') return 2;
  const match = /^(\d*)xlarge$/.exec(size);
  if (!match) throw new Error(`unknown size ${size}`);
  return 4 * Number(match[1] || 1);
}

function expand(spec: FamilySpec): InstanceTypeInfo[] {
  return spec.sizes.map((size) => {
    const burst = spec.burstable ? BURSTABLE[size] : undefined;
    const vcpus = burst ? burst.vcpus : vcpusOf(size);
    const gib = burst ? burst.gib : vcpus * (spec.gibPerVcpu ?? 4);
    return {
      type: `${spec.family}.${size}`,
      architecture: spec.architecture,
      vcpus,
      coreCount: Math.max(1, vcpus / spec.threadsPerCore),
      threadsPerCore: vcpus === 1 ? 1 : spec.threadsPerCore,
      memoryMiB: Math.round(gib * 1024),
      burstable: spec.burstable ?? false,
      accelerated: spec.accelerated ?? false,
    };
  });
}

export const INSTANCE_TYPE_CATALOG: ReadonlyMap<string, InstanceTypeInfo> = new Map(
  FAMILIES.flatMap(expand).map((info) => [info.type, info]),
);

export function instanceTypeInfo(type: string): InstanceTypeInfo | undefined {
  return INSTANCE_TYPE_CATALOG.get(type);
}
