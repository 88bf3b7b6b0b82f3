import type { ActionInput, MetricRange } from '@ccx/core';
import {
  actionAcceptedSchema,
  bulkAcceptedSchema,
  computeDetailSchema,
  computeMetricsSchema,
  computePageSchema,
  operationSchema,
  type AuditPage,
  type BulkAccepted,
  type ComputeDetail,
  type ComputeMetrics,
  type ComputePage,
  type ComputeSortField,
  type Operation,
} from '@ccx/api/contract';
import type { ApiClient } from './client';
import { listAudit } from './audit';

/** The list view: each facet list is OR within itself; fields AND together. */
export interface ComputeListQuery {
  type: string[];
  provider: string[];
  state: string[];
  region: string[];
  q: string;
  sort: ComputeSortField | null;
  order: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Lists travel comma-joined, as the API takes `type=ec2.instance,azure.vm`. */
function joined(values: readonly string[]): string | undefined {
  return values.length > 0 ? values.join(',') : undefined;
}

export function listCompute(
  client: ApiClient,
  query: ComputeListQuery,
  signal?: AbortSignal,
): Promise<ComputePage> {
  return client.request('/api/compute', computePageSchema, {
    query: {
      type: joined(query.type),
      provider: joined(query.provider),
      state: joined(query.state),
      region: joined(query.region),
      q: query.q.trim(),
      sort: query.sort,
      order: query.sort ? query.order : undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  });
}

/** How many instances the associate dialog lists at once; a search narrows the rest. */
export const ADDRESS_TARGETS_PAGE = 200;

/**
 * The instances an Elastic IP can be associated with: EC2 instances of its own account and
 * region that are running or stopped (the server checks the choice again), matching `q` (name,
 * id or tag value), first by name. `total` says how many match beyond the page.
 */
export function listAddressTargets(
  client: ApiClient,
  address: { provider: string; account: string; region: string },
  q: string,
  signal?: AbortSignal,
): Promise<ComputePage> {
  return client.request('/api/compute', computePageSchema, {
    query: {
      type: 'ec2.instance',
      provider: address.provider,
      account: address.account,
      region: address.region,
      state: 'running,stopped',
      q: q.trim(),
      sort: 'name',
      order: 'asc',
      page: 1,
      pageSize: ADDRESS_TARGETS_PAGE,
    },
    signal,
  });
}

/** A uid holds `/` and escapes of its own; encoding it once more makes it one path segment. */
function computePath(uid: string): string {
  return `/api/compute/${encodeURIComponent(uid)}`;
}

export function getComputeDetail(
  client: ApiClient,
  uid: string,
  signal?: AbortSignal,
): Promise<ComputeDetail> {
  return client.request(computePath(uid), computeDetailSchema, { signal });
}

/** Every metric the resource's type has, over `range`, at the range's period. */
export function computeMetrics(
  client: ApiClient,
  uid: string,
  range: MetricRange,
  signal?: AbortSignal,
): Promise<ComputeMetrics> {
  return client.request(`${computePath(uid)}/metrics`, computeMetricsSchema, {
    query: { range },
    signal,
  });
}

/** Starts an action on one resource; the answer (202) is the operation to follow. */
export async function startAction(
  client: ApiClient,
  uid: string,
  input: ActionInput,
): Promise<Operation> {
  const answer = await client.request(
    `/api/resources/${encodeURIComponent(uid)}/actions`,
    actionAcceptedSchema,
    { method: 'POST', body: input },
  );
  return answer.operation;
}

/** One action on many resources; each uid is validated on its own and may be rejected. */
export function startBulkAction(
  client: ApiClient,
  uids: readonly string[],
  input: ActionInput,
): Promise<BulkAccepted> {
  return client.request('/api/compute/actions', bulkAcceptedSchema, {
    method: 'POST',
    body: { uids, ...input },
  });
}

export function getOperation(
  client: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<Operation> {
  return client.request(`/api/operations/${encodeURIComponent(id)}`, operationSchema, { signal });
}

/** The newest audit entries about one resource (the audit target is the resource's uid). */
export function resourceAudit(client: ApiClient, uid: string, limit = 10): Promise<AuditPage> {
  return listAudit(client, { offset: 0, limit, target: uid });
}
