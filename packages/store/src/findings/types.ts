import type { Finding } from '@ccx/core';
import type { ResourceFilter } from '../types';

/**
 * A stored insight finding. `subject` names what inside the resource it is about (a posture
 * check id, a storage class pair, a finding type), so one resource can hold several findings
 * of one kind; `fingerprint` identifies the finding across runs and is unique.
 */
export interface StoredFinding extends Finding {
  subject: string;
  fingerprint: string;
}

export interface FindingInput extends Omit<Finding, 'kind' | 'resourceUid' | 'detectedAt'> {
  subject: string;
  /** Default: now. */
  detectedAt?: string;
  /** Default: derived from kind, resource and subject, so a rerun finds the same one. */
  fingerprint?: string;
}

export interface FindingQuery {
  kind?: readonly string[];
  resourceUid?: readonly string[];
}

export interface FindingRepository {
  /**
   * Replaces every finding of `kind` held for `resourceUid` with `findings`, in one
   * transaction: an insight rerun for a resource leaves exactly what it found this time, and
   * findings of other kinds or resources are untouched. An empty list clears them.
   */
  replaceForResource(input: {
    kind: string;
    resourceUid: string;
    findings: readonly FindingInput[];
  }): Promise<void>;
  /** Ordered by resource, kind, subject. */
  list(query?: FindingQuery): Promise<StoredFinding[]>;
  /**
   * The summed monthly impact of each resource's findings of these kinds, whatever the currency,
   * ordered by resource: one number a resource rather than its findings' evidence. A finding
   * without an impact counts as 0, so a resource with findings always has an amount. Only
   * resources stored and selected by `resources` are summed (`{}`: every live one), so the work
   * is bounded by the rows a caller lists, not by the findings of the whole store.
   */
  monthlyImpactByResource(query: {
    kind: readonly string[];
    resources: ResourceFilter;
  }): Promise<{ resourceUid: string; amount: number }[]>;
}
