import type { SyncSummary } from '@ccx/sync';
import { EXIT, type ExitCode } from './exit-codes';

/** The machine-readable result of a sync, as `ccx sync --json` and `ccx demo --once --json` print it. */
export function syncReport(summary: SyncSummary) {
  return {
    runId: summary.runId,
    status: summary.status,
    resources: summary.resources.listed,
    byProvider: summary.byProvider,
    changes: {
      created: summary.resources.created,
      updated: summary.resources.updated,
      unchanged: summary.resources.unchanged,
      deleted: summary.resources.deleted,
    },
    jobs: summary.jobs,
    metrics: summary.metrics,
    errors: summary.errors,
    durationMs: summary.durationMs,
  };
}

export function syncExitCode(summary: SyncSummary): ExitCode {
  switch (summary.status) {
    case 'succeeded':
      return EXIT.ok;
    case 'partial':
      return EXIT.partial;
    case 'failed':
      return EXIT.failure;
  }
}

export function syncSummaryLine(summary: SyncSummary): string {
  const providers = Object.entries(summary.byProvider)
    .map(([provider, count]) => `${provider} ${count}`)
    .join(', ');
  const { created, updated, deleted } = summary.resources;
  return (
    `Sync ${summary.status}: ${summary.resources.listed} resources${providers ? ` (${providers})` : ''}, ` +
    `${created} new, ${updated} changed, ${deleted} deleted; ` +
    `${summary.jobs.failed} of ${summary.jobs.total} jobs failed` +
    (summary.metrics.series > 0 ? `; ${summary.metrics.series} metric series` : '')
  );
}
