import { armErrors } from './arm-error';
import type { ArmEstate, ArmVm } from './arm-estate';
import type { ArmOperation } from './vm-power';

/** State shared by the ARM routes of one sandbox. */
export interface ArmContext {
  estate: ArmEstate;
  /** Long-running operations by id. */
  operations: Map<string, ArmOperation>;
  /** The listener's own https origin: `nextLink` and operation URLs point back at it. */
  baseUrl: string;
  transitionMs: number;
  /** Items per page of a listing before `nextLink` takes over. */
  pageSize: number;
  seed: number;
  /** How the subscription-scope metrics call is answered (the per-VM one always is). */
  subscriptionMetrics: SubscriptionMetricsMode;
  /** The app registration tokens are issued to: named in an authorization failure. */
  clientId: string;
}

/**
 * `served`, or refused as a cloud or API version without the call answers (`badRequest`,
 * `notFound`) or as a caller whose role lacks it at subscription scope (`forbidden`).
 */
export const SUBSCRIPTION_METRICS_MODES = [
  'served',
  'badRequest',
  'forbidden',
  'notFound',
] as const;
export type SubscriptionMetricsMode = (typeof SUBSCRIPTION_METRICS_MODES)[number];

export interface ArmRequest {
  method: string;
  /** Path segments, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
  now: number;
}

export interface ArmReply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

/** Case-insensitive segment comparison: ARM paths ignore case. */
export const is = (segment: string | undefined, expected: string): boolean =>
  segment !== undefined && segment.toLowerCase() === expected.toLowerCase();

export function subscriptionOf(context: ArmContext, id: string): string {
  const sub = context.estate.subscriptions.find((s) => s.id === id.toLowerCase());
  if (!sub) throw armErrors.subscriptionNotFound(id);
  return sub.id;
}

export function findVm(context: ArmContext, sub: string, group: string, name: string): ArmVm {
  const id = `/subscriptions/${sub}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${name}`;
  const vm = context.estate.vms.get(id.toLowerCase());
  if (!vm) {
    const groupExists = [...context.estate.vms.values()].some(
      (v) => v.subscriptionId === sub && v.resourceGroup.toLowerCase() === group.toLowerCase(),
    );
    if (!groupExists) throw armErrors.resourceGroupNotFound(group);
    throw armErrors.notFound('Microsoft.Compute/virtualMachines', name);
  }
  return vm;
}

export function jsonBody(request: ArmRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw armErrors.invalidBody('The request content was invalid and could not be deserialized.');
}

/**
 * One page of `items` from `$skiptoken` (an offset), with a `nextLink` that repeats the
 * request's own query so a follow-up page is filtered and expanded the same way.
 */
export function page<T>(
  context: ArmContext,
  request: ArmRequest,
  items: readonly T[],
  render: (item: T) => unknown,
): ArmReply {
  const raw = request.query.get('$skiptoken') ?? '0';
  const offset = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(offset)) throw armErrors.invalidParameter('The $skiptoken is not valid.');
  const slice = items.slice(offset, offset + context.pageSize);
  const json: Record<string, unknown> = { value: slice.map(render) };
  if (offset + context.pageSize < items.length) {
    const next = new URLSearchParams(request.query);
    next.set('$skiptoken', String(offset + context.pageSize));
    const path = request.segments.map((s) => encodeURIComponent(s)).join('/');
    json.nextLink = `${context.baseUrl}/${path}?${next.toString()}`;
  }
  return { status: 200, json };
}
