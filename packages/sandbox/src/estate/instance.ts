/** EC2 instance states with the codes the API reports for them. */
export const INSTANCE_STATE_CODES = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;

export type InstanceStateName = keyof typeof INSTANCE_STATE_CODES;

export interface InstanceTag {
  key: string;
  value: string;
}

/** One EBS volume in an instance's block device mapping (the root first). */
export interface BlockDeviceRecord {
  deviceName: string;
  volumeId: string;
  /** Epoch ms. */
  attachTime: number;
  deleteOnTermination: boolean;
}

/**
 * One instance of the estate. Everything but the state fields and tags is fixed at seeding.
 * The state is stored as "what it was set to, and when": a `pending` or `stopping` instance
 * becomes `running` or `stopped` once `transitionMs` has passed, evaluated lazily on read
 * (`resolveState`), so no timers run and a paused process keeps a consistent estate.
 */
export interface InstanceRecord {
  id: string;
  reservationId: string;
  accountId: string;
  region: string;
  availabilityZone: string;
  availabilityZoneId: string;
  instanceType: string;
  imageId: string;
  architecture: 'x86_64' | 'arm64';
  /** `windows` for Windows instances, otherwise absent (as the API does). */
  platform: 'windows' | null;
  platformDetails: string;
  usageOperation: string;
  vpcId: string;
  subnetId: string;
  privateIpAddress: string;
  /** The address shown while the instance has one (not when stopped). */
  publicIpAddress: string | null;
  keyName: string | null;
  amiLaunchIndex: number;
  securityGroup: { id: string; name: string };
  coreCount: number;
  threadsPerCore: number;
  ebsOptimized: boolean;
  rootDeviceName: string;
  /** The root volume's id (also the first of `blockDevices`). */
  volumeId: string;
  /** Root and data volumes, fixed at seeding; the volume records mirror these attachments. */
  blockDevices: BlockDeviceRecord[];
  /** `spot` for Spot Instances; null for On-Demand (EC2 omits the field). */
  instanceLifecycle: 'spot' | null;
  /** The Elastic IP associated with the primary interface; kept in step by the estate. */
  elasticIp: string | null;
  networkInterfaceId: string;
  macAddress: string;
  /** Epoch ms; reset when the instance is started again, as on AWS. */
  launchTime: number;
  state: InstanceStateName;
  stateChangedAt: number;
  stateTransitionReason: string;
  stateReason: { code: string; message: string } | null;
  tags: InstanceTag[];
  /**
   * Rendered XML of the fields that change rarely (before and after `launchTime`), built on
   * first use; whatever changes one of them (a new instance type) clears it.
   */
  staticXml?: [string, string];
}

const SETTLES_TO: Partial<Record<InstanceStateName, InstanceStateName>> = {
  pending: 'running',
  stopping: 'stopped',
  'shutting-down': 'terminated',
};

/** Settles a transitional state whose delay has passed; returns the current state. */
export function resolveState(
  instance: InstanceRecord,
  now: number,
  transitionMs: number,
): InstanceStateName {
  const target = SETTLES_TO[instance.state];
  if (target !== undefined && now - instance.stateChangedAt >= transitionMs) {
    instance.stateChangedAt += transitionMs;
    instance.state = target;
    if (target === 'stopped') {
      instance.stateReason = {
        code: 'Client.UserInitiatedShutdown',
        message: 'Client.UserInitiatedShutdown: User initiated shutdown',
      };
    }
  }
  return instance.state;
}

/** `User initiated (2026-11-25 10:00:00 GMT)`, the reason text EC2 records for a user stop. */
export function userInitiatedReason(at: number): string {
  return `User initiated (${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

/** The public IP an instance shows in `state`: its Elastic IP, else its ephemeral one while up. */
export function shownPublicIp(instance: InstanceRecord, state: InstanceStateName): string | null {
  if (state === 'terminated') return null;
  if (instance.elasticIp !== null) return instance.elasticIp;
  const up = state === 'pending' || state === 'running' || state === 'stopping';
  return up ? instance.publicIpAddress : null;
}
