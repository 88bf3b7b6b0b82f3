import {
  deploymentCounts,
  serviceCounts,
  type ClusterRecord,
  type ContainerDefinitionRecord,
  type DeploymentRecord,
  type EcsTag,
  type ServiceRecord,
  type StoppedTaskRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './records';
import { taskNetwork } from './network';

/** awsJson timestamps are epoch seconds, fractional for sub-second precision. */
export const epochSeconds = (ms: number) => ms / 1000;

/** How many events a DescribeServices answer carries (the newest). */
const EVENTS_SHOWN = 20;

export function renderTags(tags: readonly EcsTag[]) {
  return tags.map(({ key, value }) => ({ key, value }));
}

/** A cluster with counts taken from its (already settled) services and standalone tasks. */
export function renderCluster(cluster: ClusterRecord, include: ReadonlySet<string>) {
  let running = cluster.standaloneTasks.filter((task) => task.lastStatus === 'RUNNING').length;
  let pending = cluster.standaloneTasks.length - running;
  let activeServices = 0;
  for (const service of cluster.services) {
    if (service.status === 'ACTIVE') activeServices++;
    const counts = serviceCounts(service);
    running += counts.running;
    pending += counts.pending;
  }
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: cluster.registeredContainerInstancesCount,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: activeServices,
    statistics: [],
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: [],
    settings: include.has('SETTINGS') ? [{ name: 'containerInsights', value: 'disabled' }] : [],
    ...(include.has('TAGS') ? { tags: renderTags(cluster.tags) } : {}),
  };
}

function renderDeployment(deployment: DeploymentRecord) {
  const { running, pending } = deploymentCounts(deployment);
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinitionArn,
    desiredCount: deployment.desiredCount,
    pendingCount: pending,
    runningCount: running,
    failedTasks: 0,
    createdAt: epochSeconds(deployment.createdAt),
    updatedAt: epochSeconds(deployment.updatedAt),
    launchType: deployment.launchType,
    ...(deployment.launchType === 'FARGATE'
      ? { platformVersion: '1.4.0', platformFamily: 'Linux' }
      : {}),
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

/** A service as DescribeServices and UpdateService return it; tags only when asked for. */
export function renderService(service: ServiceRecord, withTags: boolean) {
  const { running, pending } = serviceCounts(service);
  const primary = service.deployments.find((deployment) => deployment.status === 'PRIMARY');
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    loadBalancers: [],
    serviceRegistries: [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: service.launchType,
    ...(service.launchType === 'FARGATE'
      ? { platformVersion: 'LATEST', platformFamily: 'Linux' }
      : {}),
    ...(primary ? { taskDefinition: primary.taskDefinitionArn } : {}),
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deployments: service.deployments.map(renderDeployment),
    events: service.events.slice(0, EVENTS_SHOWN).map((event) => ({
      id: event.id,
      createdAt: epochSeconds(event.createdAt),
      message: event.message,
    })),
    createdAt: epochSeconds(service.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: service.createdBy,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    ...(withTags ? { tags: renderTags(service.tags) } : {}),
  };
}

export function renderTaskDefinition(definition: TaskDefinitionRecord) {
  const fargate = definition.requiresCompatibilities.includes('FARGATE');
  return {
    taskDefinitionArn: definition.arn,
    containerDefinitions: definition.containers.map((container) => ({
      name: container.name,
      image: container.image,
      cpu: container.cpu,
      ...(container.memory === null ? {} : { memory: container.memory }),
      portMappings: container.portMappings,
      essential: container.essential,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
    })),
    family: definition.family,
    networkMode: definition.networkMode,
    revision: definition.revision,
    volumes: [],
    status: 'ACTIVE',
    requiresAttributes: [],
    placementConstraints: [],
    compatibilities: fargate ? ['EC2', 'FARGATE'] : ['EC2'],
    requiresCompatibilities: definition.requiresCompatibilities,
    ...(definition.cpu === null ? {} : { cpu: definition.cpu }),
    ...(definition.memory === null ? {} : { memory: definition.memory }),
    registeredAt: epochSeconds(definition.registeredAt),
    registeredBy: definition.registeredBy,
  };
}

/**
 * Task health as ECS reports it: the web services' main container has a health check (the
 * batch workers' has none), so a running Fargate task is HEALTHY, one still starting UNKNOWN.
 */
function taskHealth(task: TaskRecord | StoppedTaskRecord): 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' {
  if (task.lastStatus === 'STOPPED') return task.healthStatus;
  return task.launchType === 'FARGATE' && task.lastStatus === 'RUNNING' ? 'HEALTHY' : 'UNKNOWN';
}

function renderAttachment(task: TaskRecord | StoppedTaskRecord) {
  const eni = taskNetwork(task);
  return {
    id: eni.attachmentId,
    type: 'ElasticNetworkInterface',
    status: task.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
    details: [
      { name: 'subnetId', value: eni.subnetId },
      { name: 'networkInterfaceId', value: eni.networkInterfaceId },
      { name: 'macAddress', value: eni.macAddress },
      { name: 'privateDnsName', value: eni.privateDnsName },
      { name: 'privateIPv4Address', value: eni.privateIp },
    ],
  };
}

function renderContainer(
  task: TaskRecord | StoppedTaskRecord,
  container: ContainerDefinitionRecord,
  index: number,
  awsvpc: boolean,
  health: string,
) {
  const stopped = task.lastStatus === 'STOPPED';
  const exit = stopped
    ? (task.exits[container.name] ?? { exitCode: task.startedAt === null ? null : 0 })
    : null;
  const eni = awsvpc ? taskNetwork(task) : null;
  return {
    containerArn: `${task.arn.replace(':task/', ':container/')}/${container.name}`,
    taskArn: task.arn,
    name: container.name,
    image: container.image,
    lastStatus: task.lastStatus,
    ...(exit && exit.exitCode !== null ? { exitCode: exit.exitCode } : {}),
    ...(exit?.reason ? { reason: exit.reason } : {}),
    networkBindings: [],
    networkInterfaces: eni
      ? [{ attachmentId: eni.attachmentId, privateIpv4Address: eni.privateIp }]
      : [],
    // Only the main (first) container has a health check.
    healthStatus: index === 0 ? health : 'UNKNOWN',
    cpu: String(container.cpu),
    ...(container.memory === null ? {} : { memory: String(container.memory) }),
  };
}

/** A task as DescribeTasks returns it, running or stopped; tags only when asked for. */
export function renderTask(
  task: TaskRecord | StoppedTaskRecord,
  clusterArn: string,
  definition: TaskDefinitionRecord | undefined,
  withTags: boolean,
) {
  const running = task.lastStatus === 'RUNNING';
  const stopped = task.lastStatus === 'STOPPED' ? task : null;
  const awsvpc =
    (definition?.networkMode ?? (task.launchType === 'FARGATE' ? 'awsvpc' : 'bridge')) === 'awsvpc';
  const health = taskHealth(task);
  return {
    attachments: awsvpc ? [renderAttachment(task)] : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    taskArn: task.arn,
    clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    availabilityZone: task.availabilityZone,
    lastStatus: task.lastStatus,
    desiredStatus: stopped ? 'STOPPED' : 'RUNNING',
    launchType: task.launchType,
    ...(task.launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    ...(definition?.cpu ? { cpu: definition.cpu } : {}),
    ...(definition?.memory ? { memory: definition.memory } : {}),
    group: task.group,
    startedBy: task.startedBy,
    createdAt: epochSeconds(task.createdAt),
    ...(task.startedAt === null ? {} : { startedAt: epochSeconds(task.startedAt) }),
    ...(task.startedAt !== null
      ? {
          connectivity: 'CONNECTED',
          connectivityAt: epochSeconds(task.startedAt),
          pullStartedAt: epochSeconds(task.startedAt - 8_000),
          pullStoppedAt: epochSeconds(task.startedAt - 2_000),
        }
      : {}),
    ...(stopped
      ? {
          stopCode: stopped.stopCode,
          stoppedReason: stopped.stoppedReason,
          stoppingAt: epochSeconds(stopped.stoppingAt),
          executionStoppedAt: epochSeconds(stopped.stoppedAt),
          stoppedAt: epochSeconds(stopped.stoppedAt),
        }
      : {}),
    healthStatus: health,
    version: stopped ? 5 : running ? 3 : 1,
    containers: (definition?.containers ?? []).map((container, index) =>
      renderContainer(task, container, index, awsvpc, health),
    ),
    ...(withTags ? { tags: renderTags(task.tags) } : {}),
  };
}
