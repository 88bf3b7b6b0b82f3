/** Compute resource types in the inventory. */
export const COMPUTE_TYPES = {
  ec2Instance: 'ec2.instance',
  ec2Volume: 'ec2.volume',
  ec2Address: 'ec2.address',
  ecsCluster: 'ecs.cluster',
  ecsService: 'ecs.service',
  azureVm: 'azure.vm',
  azureDisk: 'azure.disk',
} as const;

/**
 * Inventory types that belong to a compute resource and are shown under it (an ECS service's
 * tasks), never in the compute list: they have no actions and no metrics of their own.
 */
export const COMPUTE_PART_TYPES = {
  ecsTask: 'ecs.task',
} as const;

/** Types that are "machines": they have a size and power actions. */
export const INSTANCE_TYPES: ReadonlySet<string> = new Set([
  COMPUTE_TYPES.ec2Instance,
  COMPUTE_TYPES.azureVm,
]);
/** Types that scale by a desired count. */
export const SERVICE_TYPES: ReadonlySet<string> = new Set([COMPUTE_TYPES.ecsService]);

/**
 * The state vocabulary every provider maps to. EC2's own names, plus Azure's distinction
 * between `stopped` (powered off, still billed for compute) and `deallocated` (not billed).
 * ECS services use `active`, `draining`, `inactive`.
 */
export const COMPUTE_STATES = [
  'pending',
  'running',
  'stopping',
  'stopped',
  'deallocating',
  'deallocated',
  'shutting-down',
  'terminated',
  'active',
  'draining',
  'inactive',
] as const;
export type ComputeState = (typeof COMPUTE_STATES)[number];

/** States that count as "stopped" when waiting for a stop to finish. */
export const STOPPED_STATES: ReadonlySet<string> = new Set(['stopped', 'deallocated']);
