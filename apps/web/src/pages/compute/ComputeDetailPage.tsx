import { COMPUTE_TYPES, metricRangeSchema } from '@ccx/core';
import type { MetricRange } from '@ccx/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { getComputeDetail } from '../../api/compute';
import { isApiError } from '../../api/errors';
import { useApiClient } from '../../app/api-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { StateBadge } from '../../components/StateBadge';
import { computeKeys } from '../../compute/query-keys';
import { computeUidFromPath } from '../../compute/url-state';
import { AuditPanel } from './AuditPanel';
import { ComputeActions } from './ComputeActions';
import { ComputeSummary } from './ComputeSummary';
import { FindingsPanel } from './FindingsPanel';
import { MetricsPanel } from './MetricsPanel';
import { TasksPanel } from './TasksPanel';

const rangeParamSchema = metricRangeSchema.catch('24h');

export function ComputeDetailPage() {
  const { pathname } = useLocation();
  const uid = computeUidFromPath(pathname);
  if (!uid) return <ComputeNotFound />;
  return <ComputeDetailView uid={uid} />;
}

function ComputeNotFound() {
  return (
    <div className="page">
      <p className="panel" role="alert">
        This resource does not exist or is no longer in the inventory.{' '}
        <Link to="/compute">Back to compute</Link>
      </p>
    </div>
  );
}

/** One instance, VM or service: what it is, how it behaves, what to change, and the actions. */
function ComputeDetailView({ uid }: { uid: string }) {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const range = rangeParamSchema.parse(params.get('range') ?? '24h');
  const detail = useQuery({
    queryKey: computeKeys.detail(uid),
    queryFn: ({ signal }) => getComputeDetail(client, uid, signal),
  });
  const setRange = (next: MetricRange) => {
    const search = new URLSearchParams(params);
    search.set('range', next);
    setParams(search, { replace: true });
  };

  if (detail.isPending) return <p className="muted">Loading…</p>;
  if (detail.isError) {
    if (isApiError(detail.error, 'not_found')) return <ComputeNotFound />;
    return <ErrorPanel error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const { entry } = detail.data;
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/compute">Compute</Link> / <span>{entry.type}</span>
      </nav>
      <header className="page-header">
        <h1 data-testid="compute-title">{entry.name ?? entry.id}</h1>
        <StateBadge state={entry.state} />
        <span className="muted">
          <code>{entry.uid}</code>
        </span>
      </header>
      <ComputeActions entry={entry} sizes={detail.data.sizes} attributes={detail.data.attributes} />
      <ComputeSummary detail={detail.data} />
      {entry.type === COMPUTE_TYPES.ecsService ? <TasksPanel tasks={detail.data.tasks} /> : null}
      <MetricsPanel uid={uid} range={range} onRange={setRange} />
      <FindingsPanel findings={detail.data.findings} />
      <AuditPanel uid={uid} />
    </div>
  );
}
