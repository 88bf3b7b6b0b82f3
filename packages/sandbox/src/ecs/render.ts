import {
  deploymentCounts,
  serviceCounts,
  type ClusterRecord,
  type DeploymentRecord,
  type EcsTag,
  type ServiceRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './records';

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

export function renderTask(
  task: TaskRecord,
  clusterArn: string,
  definition: TaskDefinitionRecord | undefined,
  withTags: boolean,
) {
  const running = task.lastStatus === 'RUNNING';
  return {
    taskArn: task.arn,
    clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    availabilityZone: task.availabilityZone,
    lastStatus: task.lastStatus,
    desiredStatus: 'RUNNING',
    launchType: task.launchType,
    ...(definition?.cpu ? { cpu: definition.cpu } : {}),
    ...(definition?.memory ? { memory: definition.memory } : {}),
    group: task.group,
    startedBy: task.startedBy,
    createdAt: epochSeconds(task.createdAt),
    ...(task.startedAt === null ? {} : { startedAt: epochSeconds(task.startedAt) }),
    ...(running && task.startedAt !== null
      ? {
          connectivity: 'CONNECTED',
          connectivityAt: epochSeconds(task.startedAt),
          pullStoppedAt: epochSeconds(task.startedAt),
        }
      : {}),
    healthStatus: 'UNKNOWN',
    version: running ? 3 : 1,
    containers: (definition?.containers ?? []).map((container) => ({
      containerArn: `${task.arn.replace(':task/', ':container/')}/${container.name}`,
      taskArn: task.arn,
      name: container.name,
      image: container.image,
      lastStatus: task.lastStatus,
      healthStatus: 'UNKNOWN',
    })),
    ...(withTags ? { tags: [] } : {}),
  };
}
