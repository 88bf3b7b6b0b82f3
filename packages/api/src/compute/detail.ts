import { notFound, type Role } from '@ccx/core';
import type { StoredFinding } from '@ccx/store';
import { COMPUTE_TYPE_NAMES, type ComputeEntry } from '../contract';
import { toEntry } from './entry';
import { entryContext, type ComputeReadDeps } from './list-entries';
import { relatedResources, serviceTasks, type RelatedResource, type ServiceTask } from './related';
import { resizeChoices, type SizeChoice } from './sizes';

export interface ComputeDetail {
  entry: ComputeEntry;
  attributes: Record<string, unknown>;
  findings: Pick<
    StoredFinding,
    'kind' | 'subject' | 'severity' | 'title' | 'evidence' | 'estimatedMonthlyImpact' | 'detectedAt'
  >[];
  sizes: SizeChoice[];
  related: RelatedResource[];
  /** An ECS service's tasks from the inventory; [] for anything else. */
  tasks: ServiceTask[];
}

/** One compute resource with its findings, resize choices, related resources and tasks. */
export async function computeDetail(
  deps: ComputeReadDeps,
  uid: string,
  role: Role,
): Promise<ComputeDetail> {
  const resource = await deps.store.resources.get(uid);
  if (!resource || resource.deletedAt || !COMPUTE_TYPE_NAMES.includes(resource.type as never))
    throw notFound('Compute resource');
  const [context, related, tasks] = await Promise.all([
    entryContext(deps, [resource], role),
    relatedResources(deps.store, resource),
    serviceTasks(deps.store, resource),
  ]);
  const findings = context.findings.get(uid) ?? [];
  return {
    entry: toEntry(resource, context),
    attributes: resource.attributes,
    findings: findings.map((f) => ({
      kind: f.kind,
      subject: f.subject,
      severity: f.severity,
      title: f.title,
      evidence: f.evidence,
      estimatedMonthlyImpact: f.estimatedMonthlyImpact,
      detectedAt: f.detectedAt,
    })),
    sizes: resizeChoices(resource),
    related,
    tasks,
  };
}
