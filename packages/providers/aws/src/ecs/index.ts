export {
  ECS_CLUSTER,
  ECS_SERVICE,
  ECS_TASK,
  serviceNameOf,
  serviceResourceId,
  taskResourceId,
} from './ecs-types';
export { ecsInventory, DESCRIBE_SERVICES_BATCH } from './ecs-inventory';
export { DESCRIBE_TASKS_BATCH } from './ecs-tasks';
export { ecsCompute, type EcsComputeOptions } from './ecs-compute';
export { computeByType } from './compute-by-type';
export { fromEcsError } from './ecs-errors';
