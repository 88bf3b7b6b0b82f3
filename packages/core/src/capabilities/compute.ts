import type { ActionResult } from '../model/action';
import type { ResourceRef } from '../model/resource';

/** Power actions on compute resources. Each call returns once the provider accepted it. */
export interface ComputeActions {
  startInstance(ref: ResourceRef): Promise<ActionResult>;
  stopInstance(ref: ResourceRef): Promise<ActionResult>;
  rebootInstance(ref: ResourceRef): Promise<ActionResult>;
}
