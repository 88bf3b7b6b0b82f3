import { deriveSeed } from '@ccx/core';
import type { SandboxAccount } from '../estate/account';
import { COST_CENTERS, TEAMS } from '../estate/catalog';
import { createPrng, type Prng } from '../prng';
import { clusterArn, serviceArn, taskArn, taskDefinitionArn, type EcsScopeKey } from './arns';
import { EcsEstate, type EcsScope } from './ecs-estate';
import { seedStoppedTasks } from './seed-stopped';
import type {
  ClusterRecord,
  ContainerDefinitionRecord,
  DeploymentRecord,
  EcsTag,
  LaunchType,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from './records';

const DAY_MS = 86_400_000;

/** Services of a web estate: enough names that the production cluster can hold 30. */
const WEB_SERVICES = [
  'api-gateway',
  'auth',
  'billing',
  'cart',
  'catalog',
  'checkout',
  'search',
  'notifications',
  'payments',
  'profile',
  'recommendations',
  'reviews',
  'inventory',
  'orders',
  'shipping',
  'pricing',
  'promotions',
  'media',
  'sessions',
  'feature-flags',
  'webhooks',
  'audit',
  'geo',
  'i18n',
  'mobile-bff',
  'web-frontend',
  'admin-ui',
  'graphql',
  'rate-limiter',
  'status-page',
] as const;

const WORKER_SERVICES = ['report-worker', 'ingest-worker', 'thumbnailer', 'mailer'] as const;

/** Task CPU / memory pairs Fargate accepts, weighted towards the small ones. */
const TASK_SIZES: readonly (readonly [readonly [string, string], number])[] = [
  [['256', '512'], 20],
  [['256', '1024'], 10],
  [['512', '1024'], 25],
  [['512', '2048'], 10],
  [['1024', '2048'], 15],
  [['1024', '4096'], 8],
  [['2048', '4096'], 6],
  [['2048', '8192'], 4],
  [['4096', '8192'], 2],
];

const LOG_ROUTER_IMAGE = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4';

interface ClusterPlan {
  name: string;
  env: string;
  launchType: LaunchType;
  names: readonly string[];
  services: [number, number];
  desired: [number, number];
}

const CLUSTERS: readonly ClusterPlan[] = [
  {
    name: 'prod-web',
    env: 'production',
    launchType: 'FARGATE',
    names: WEB_SERVICES,
    // A production cluster larger than a DescribeServices batch of 10, several times over.
    services: [21, 30],
    desired: [2, 6],
  },
  {
    name: 'staging',
    env: 'staging',
    launchType: 'FARGATE',
    names: WEB_SERVICES,
    services: [4, 8],
    desired: [0, 2],
  },
  {
    name: 'batch',
    env: 'production',
    launchType: 'EC2',
    names: WORKER_SERVICES,
    services: [2, 4],
    desired: [0, 3],
  },
];

function serviceTags(prng: Prng, env: string): EcsTag[] {
  if (prng.next() < 0.1) return []; // untagged, as some always are
  const tags: EcsTag[] = [
    { key: 'env', value: env },
    { key: 'team', value: prng.pick(TEAMS) },
  ];
  if (prng.next() < 0.8) tags.push({ key: 'cost-center', value: prng.pick(COST_CENTERS) });
  return tags;
}

function containers(
  prng: Prng,
  scope: EcsScopeKey,
  service: string,
  revision: number,
  cpu: string,
  memory: string,
  withLogRouter: boolean,
): ContainerDefinitionRecord[] {
  const main: ContainerDefinitionRecord = {
    name: service,
    image: `${scope.accountId}.dkr.ecr.${scope.region}.amazonaws.com/${service}:v1.${revision}.${prng.int(0, 9)}`,
    cpu: withLogRouter ? Number(cpu) - 64 : Number(cpu),
    memory: withLogRouter ? Number(memory) - 128 : Number(memory),
    essential: true,
    portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
  };
  if (!withLogRouter) return [main];
  return [
    main,
    {
      name: 'log-router',
      image: LOG_ROUTER_IMAGE,
      cpu: 64,
      memory: 128,
      essential: true,
      portMappings: [],
    },
  ];
}

function seedTaskDefinitions(
  prng: Prng,
  scope: EcsScope,
  family: string,
  service: string,
  launchType: LaunchType,
  firstAt: number,
  anchor: number,
): TaskDefinitionRecord {
  const revisions = prng.int(1, 8);
  const [cpu, memory] = launchType === 'FARGATE' ? prng.weighted(TASK_SIZES) : ['1024', '2048'];
  const withLogRouter = Number(cpu) >= 512 && prng.next() < 0.4;
  let latest: TaskDefinitionRecord | undefined;
  for (let revision = 1; revision <= revisions; revision++) {
    latest = {
      family,
      revision,
      arn: taskDefinitionArn(scope.key, family, revision),
      cpu,
      memory,
      networkMode: launchType === 'FARGATE' ? 'awsvpc' : 'bridge',
      requiresCompatibilities: [launchType],
      containers: containers(prng, scope.key, service, revision, cpu, memory, withLogRouter),
      registeredAt: firstAt + Math.floor(((anchor - firstAt) * (revision - 1)) / revisions),
      registeredBy: `arn:aws:iam::${scope.key.accountId}:role/deploy`,
      tags: [],
    };
    scope.addTaskDefinition(latest);
  }
  if (!latest) throw new Error('a family has at least one revision');
  return latest;
}

function runningTasks(
  prng: Prng,
  scope: EcsScopeKey,
  cluster: string,
  group: string,
  deployment: Pick<DeploymentRecord, 'id' | 'taskDefinitionArn' | 'launchType' | 'createdAt'>,
  count: number,
  tags: readonly EcsTag[] = [],
): TaskRecord[] {
  return Array.from({ length: count }, () => {
    const id = prng.chars('0123456789abcdef', 32);
    const startedAt = deployment.createdAt + prng.int(30_000, 300_000);
    return {
      id,
      arn: taskArn(scope, cluster, id),
      taskDefinitionArn: deployment.taskDefinitionArn,
      lastStatus: 'RUNNING' as const,
      createdAt: startedAt - prng.int(10_000, 30_000),
      startedAt,
      availabilityZone: `${scope.region}${prng.pick(['a', 'b', 'c'])}`,
      group,
      startedBy: deployment.id,
      launchType: deployment.launchType,
      tags: [...tags],
    };
  });
}

function seedService(
  prng: Prng,
  scope: EcsScope,
  plan: ClusterPlan,
  cluster: ClusterRecord,
  name: string,
  anchor: number,
): ServiceRecord {
  const createdAt = anchor - prng.int(30, 700) * DAY_MS - prng.int(0, DAY_MS - 1);
  const definition = seedTaskDefinitions(
    prng,
    scope,
    `${plan.name}-${name}`,
    name,
    plan.launchType,
    createdAt,
    anchor,
  );
  const desiredCount = prng.int(...plan.desired);
  const deploymentId = `ecs-svc/${prng.int(1, 9)}${prng.chars('0123456789', 18)}`;
  const deployedAt = Math.max(createdAt, definition.registeredAt) + prng.int(60_000, 600_000);
  const deployment: DeploymentRecord = {
    id: deploymentId,
    status: 'PRIMARY',
    taskDefinitionArn: definition.arn,
    desiredCount,
    tasks: [],
    createdAt: deployedAt,
    updatedAt: deployedAt,
    launchType: plan.launchType,
    rolloutState: 'COMPLETED',
    rolloutStateReason: `ECS deployment ${deploymentId} completed.`,
  };
  deployment.tasks = runningTasks(
    prng,
    scope.key,
    plan.name,
    `service:${name}`,
    deployment,
    desiredCount,
  );
  const steadyAt = deployedAt + 600_000;
  return {
    name,
    arn: serviceArn(scope.key, plan.name, name),
    clusterName: plan.name,
    clusterArn: cluster.arn,
    status: 'ACTIVE',
    desiredCount,
    launchType: plan.launchType,
    deployments: [deployment],
    events: [
      {
        id: `${prng.chars('0123456789abcdef', 8)}-${prng.chars('0123456789abcdef', 4)}-4${prng.chars('0123456789abcdef', 3)}-a${prng.chars('0123456789abcdef', 3)}-${prng.chars('0123456789abcdef', 12)}`,
        createdAt: steadyAt,
        message: `(service ${name}) has reached a steady state.`,
      },
    ],
    createdAt,
    createdBy: `arn:aws:iam::${scope.key.accountId}:role/deploy`,
    tags: serviceTags(prng, plan.env),
    lastStepAt: steadyAt,
  };
}

/** A service deleted long ago: DescribeServices still finds it by name, ListServices does not. */
function retiredService(scope: EcsScope, cluster: ClusterRecord, anchor: number): ServiceRecord {
  const name = 'legacy-reports';
  return {
    name,
    arn: serviceArn(scope.key, cluster.name, name),
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    status: 'INACTIVE',
    desiredCount: 0,
    launchType: 'FARGATE',
    deployments: [],
    events: [],
    createdAt: anchor - 400 * DAY_MS,
    createdBy: `arn:aws:iam::${scope.key.accountId}:role/deploy`,
    tags: [],
    lastStepAt: anchor - 300 * DAY_MS,
  };
}

function seedScope(prng: Prng, scope: EcsScope, anchor: number): void {
  for (const plan of CLUSTERS) {
    const arn = clusterArn(scope.key, plan.name);
    const cluster: ClusterRecord = {
      name: plan.name,
      arn,
      status: 'ACTIVE',
      tags: [{ key: 'env', value: plan.env }],
      services: [],
      standaloneTasks: [],
      stoppedTasks: [],
      registeredContainerInstancesCount: plan.launchType === 'EC2' ? prng.int(2, 4) : 0,
      capacityProviders: plan.launchType === 'FARGATE' ? ['FARGATE', 'FARGATE_SPOT'] : [],
    };
    const count = Math.min(prng.int(...plan.services), plan.names.length);
    const names = [...plan.names];
    for (let i = 0; i < count; i++) {
      const [name] = names.splice(prng.int(0, names.length - 1), 1);
      if (name) cluster.services.push(seedService(prng, scope, plan, cluster, name, anchor));
    }
    if (plan.name === 'staging') cluster.services.push(retiredService(scope, cluster, anchor));
    if (plan.launchType === 'EC2') {
      // A nightly job started by a schedule, outside any service.
      const definition = seedTaskDefinitions(
        prng,
        scope,
        `${plan.name}-nightly-etl`,
        'nightly-etl',
        'EC2',
        anchor - 200 * DAY_MS,
        anchor,
      );
      cluster.standaloneTasks = runningTasks(
        prng,
        scope.key,
        plan.name,
        `family:${definition.family}`,
        {
          id: 'events-rule/nightly-etl',
          taskDefinitionArn: definition.arn,
          launchType: 'EC2',
          createdAt: anchor - prng.int(1, 6) * 3_600_000,
        },
        prng.int(1, 2),
        // The schedule's rule tags the tasks it starts.
        [
          { key: 'env', value: plan.env },
          { key: 'job', value: 'nightly-etl' },
        ],
      );
    }
    scope.clusters.push(cluster);
  }
}

/**
 * Seeds ECS for every account × region from its own derived stream, so the ECS estate does
 * not shift when the EC2 one changes shape. `anchor` is "now" for creation times.
 */
export function seedEcs(
  seed: number,
  accounts: readonly SandboxAccount[],
  regions: readonly string[],
  anchor: number,
): EcsEstate {
  const estate = new EcsEstate(createPrng(deriveSeed(seed, 'ecs/ids')));
  for (const account of accounts) {
    for (const region of regions) {
      const prng = createPrng(deriveSeed(seed, `ecs/${account.id}/${region}`));
      const scope = estate.scope(account.id, region);
      seedScope(prng, scope, anchor);
      // Stopped tasks draw from a stream of their own, so the running estate is unchanged.
      seedStoppedTasks(
        createPrng(deriveSeed(seed, `ecs/${account.id}/${region}/stopped`)),
        scope,
        anchor,
      );
    }
  }
  return estate;
}
