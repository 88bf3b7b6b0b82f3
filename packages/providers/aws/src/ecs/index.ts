export { ECS_CLUSTER, ECS_SERVICE, serviceNameOf, serviceResourceId } from './ecs-types';
export { ecsInventory, DESCRIBE_SERVICES_BATCH } from './ecs-inventory';
export { ecsCompute, type EcsComputeOptions } from './ecs-compute';
export { computeByType } from './compute-by-type';
export { fromEcsError } from './ecs-errors';
