export { analyzeCompute, COMPUTE_FINDING_KINDS, COMPUTE_KINDS_BY_TYPE } from './analyze';
export type { AnalyzeComputeInput, ComputeFinding, ComputeFindingKind } from './analyze';
export {
  azureDiskMonthlyPrice,
  catalogForRegion,
  COMPUTE_PRICES,
  COMPUTE_STORAGE_PRICES,
  ebsMonthlyPrice,
  fargateTaskMonthlyPrice,
  findInstance,
  HOURS_PER_MONTH,
  publicIpv4MonthlyPrice,
} from './catalog';
export type { CatalogProvider, InstanceSpec } from './catalog';
export { ecsScaling } from './ecs-scaling';
export type { EcsScalingOptions, EcsScalingResult } from './ecs-scaling';
export { ANALYSED_TYPES, nonProductionEnv } from './facts';
export type { ComputeResourceFacts, ResourceSeries } from './facts';
export { detectIdle, IDLE_PRESETS } from './idle';
export type { IdlePreset, IdleResult, IdleRule } from './idle';
export { offHoursSaving, offHoursSchedule } from './off-hours';
export type { OffHoursOptions, OffHoursResult, OffHoursSchedule } from './off-hours';
export { DEFAULT_RIGHTSIZING_PRESET, RIGHTSIZING_PRESETS, rightsize } from './rightsize';
export type {
  RightsizeInput,
  RightsizeResult,
  RightsizingPolicy,
  RightsizingPreset,
} from './rightsize';
export { percentile } from './series';
export type { Series } from './series';
