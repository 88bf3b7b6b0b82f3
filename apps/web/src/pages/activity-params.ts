import { z } from 'zod';
import { AUDIT_OUTCOMES } from '@ccx/core';

/**
 * The activity page's filters live in the URL, so a filtered log can be linked to (a
 * resource's "See all activity") and shared. Each filter is an exact match on the server.
 * Parsing is forgiving field by field: a value the API would refuse (too long, unknown
 * outcome) is dropped rather than failing the page, and the form shows what is applied.
 */
export interface ActivityView {
  target?: string;
  action?: string;
  outcome?: (typeof AUDIT_OUTCOMES)[number];
  offset: number;
}

/** Bounds of `GET /api/audit`; longer values could never match. */
const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const viewSchema = z.object({
  target: text(2000),
  action: text(100),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(10_000_000).catch(0),
});

export function parseActivityParams(params: URLSearchParams): ActivityView {
  const { target, action, outcome, offset } = viewSchema.parse({
    target: params.get('target') ?? undefined,
    action: params.get('action') ?? undefined,
    outcome: params.get('outcome') ?? undefined,
    offset: params.get('offset') ?? 0,
  });
  return {
    ...(target !== undefined ? { target } : {}),
    ...(action !== undefined ? { action } : {}),
    ...(outcome !== undefined ? { outcome } : {}),
    offset,
  };
}

export function activityParams(view: Partial<ActivityView>): URLSearchParams {
  const params = new URLSearchParams();
  if (view.target) params.set('target', view.target);
  if (view.action) params.set('action', view.action);
  if (view.outcome) params.set('outcome', view.outcome);
  if (view.offset) params.set('offset', String(view.offset));
  return params;
}

/**
 * What the filter form is keyed on: the applied filters and not the page, so paging leaves a
 * half-typed field alone while Back or a link that changes a filter resets the fields.
 */
export function activityFiltersKey(view: Partial<ActivityView>): string {
  return activityParams({ ...view, offset: 0 }).toString();
}

/** The activity page filtered as given: `/activity?target=<uid>` for a resource's log. */
export function activityHref(view: Partial<ActivityView>): string {
  const search = activityParams(view).toString();
  return search === '' ? '/activity' : `/activity?${search}`;
}
