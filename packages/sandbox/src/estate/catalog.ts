/**
 * The vocabulary the seeded estate is drawn from: instance types with their CPU layout and
 * weights, workloads and teams. Weights mirror a typical estate — mostly small general-purpose
 * machines, a tail of large or GPU ones.
 */
export interface InstanceTypeSpec {
  type: string;
  architecture: 'x86_64' | 'arm64';
  coreCount: number;
  threadsPerCore: number;
  weight: number;
}

export const INSTANCE_TYPES: readonly InstanceTypeSpec[] = [
  { type: 't3.micro', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 10 },
  { type: 't3.small', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 10 },
  { type: 't3.medium', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 12 },
  { type: 't3.large', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 8 },
  { type: 't4g.small', architecture: 'arm64', coreCount: 2, threadsPerCore: 1, weight: 5 },
  { type: 'm5.large', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 9 },
  { type: 'm5.xlarge', architecture: 'x86_64', coreCount: 2, threadsPerCore: 2, weight: 7 },
  { type: 'm6i.large', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 7 },
  { type: 'm6i.2xlarge', architecture: 'x86_64', coreCount: 4, threadsPerCore: 2, weight: 4 },
  { type: 'm7g.medium', architecture: 'arm64', coreCount: 1, threadsPerCore: 1, weight: 4 },
  { type: 'c5.xlarge', architecture: 'x86_64', coreCount: 2, threadsPerCore: 2, weight: 5 },
  { type: 'c6g.large', architecture: 'arm64', coreCount: 2, threadsPerCore: 1, weight: 4 },
  { type: 'r5.large', architecture: 'x86_64', coreCount: 1, threadsPerCore: 2, weight: 4 },
  { type: 'r6g.xlarge', architecture: 'arm64', coreCount: 4, threadsPerCore: 1, weight: 3 },
  { type: 'r5.4xlarge', architecture: 'x86_64', coreCount: 8, threadsPerCore: 2, weight: 1 },
  { type: 'g4dn.xlarge', architecture: 'x86_64', coreCount: 2, threadsPerCore: 2, weight: 1 },
];

export const WORKLOADS = [
  'checkout-api',
  'payments',
  'search',
  'catalog',
  'auth',
  'billing',
  'analytics',
  'ingest',
  'web',
  'mobile-bff',
  'reporting',
  'ml-training',
  'etl',
  'kafka',
  'cache',
  'bastion',
  'jenkins',
  'grafana',
  'worker',
  'notifications',
] as const;

export const TEAMS = [
  'platform',
  'payments',
  'growth',
  'data',
  'security',
  'mobile',
  'search',
] as const;

export const COST_CENTERS = [
  'CC-1001',
  'CC-1002',
  'CC-1003',
  'CC-2001',
  'CC-2002',
  'CC-3001',
] as const;

export interface PlatformSpec {
  platform: 'windows' | null;
  details: string;
  /** The billing usage operation EC2 reports for the platform. */
  usage: string;
}

export const PLATFORMS: readonly (readonly [PlatformSpec, number])[] = [
  [{ platform: null, details: 'Linux/UNIX', usage: 'RunInstances' }, 85],
  [{ platform: 'windows', details: 'Windows', usage: 'RunInstances:0002' }, 10],
  [{ platform: null, details: 'Red Hat Enterprise Linux', usage: 'RunInstances:0010' }, 5],
];

/** Account aliases in order; accounts beyond these are `sandbox-<n>`. */
export const ACCOUNT_ALIASES = ['prod', 'staging', 'dev'] as const;
