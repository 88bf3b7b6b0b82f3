import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { isApiError } from '../../api/errors';
import { getResource, resourceHistory } from '../../api/resources';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorPanel } from '../../components/ErrorPanel';
import { KeyValueTable } from '../../components/KeyValueTable';
import { activityHref } from '../activity-params';
import { uidFromPath } from '../resource-href';
import { ResourceActions } from './ResourceActions';
import { ResourceHistory } from './ResourceHistory';
import { ResourceSummary } from './ResourceSummary';

export function ResourcePage() {
  const { pathname } = useLocation();
  const uid = uidFromPath(pathname);
  if (!uid) return <ResourceNotFound />;
  return <ResourceView uid={uid} />;
}

function ResourceNotFound() {
  return (
    <div className="page">
      <p className="panel" role="alert">
        This resource does not exist or is no longer in the inventory.{' '}
        <Link to="/inventory">Back to the inventory</Link>
      </p>
    </div>
  );
}

function ResourceView({ uid }: { uid: string }) {
  const client = useApiClient();
  const resource = useQuery({
    queryKey: queryKeys.resource(uid),
    queryFn: () => getResource(client, uid),
  });
  const history = useQuery({
    queryKey: queryKeys.history(uid),
    queryFn: () => resourceHistory(client, uid),
  });

  if (resource.isPending) return <p className="muted">Loading resource…</p>;
  if (resource.isError) {
    if (isApiError(resource.error, 'not_found')) return <ResourceNotFound />;
    return <ErrorPanel error={resource.error} onRetry={() => void resource.refetch()} />;
  }
  const data = resource.data;
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/inventory">Inventory</Link> / <span>{data.type}</span>
      </nav>
      <header className="page-header">
        <h1>{data.name ?? data.id}</h1>
        <span className="muted">
          <code>{data.uid}</code>
        </span>
        <Link to={activityHref({ target: data.uid })}>See all activity</Link>
      </header>
      <ResourceActions resource={data} />
      <div className="two-columns">
        <ResourceSummary resource={data} />
        <section className="panel" aria-label="Tags">
          <h2>Tags</h2>
          <KeyValueTable entries={Object.entries(data.tags)} label="Tags" empty="No tags." />
        </section>
      </div>
      <section className="panel" aria-label="Attributes">
        <h2>Attributes</h2>
        <KeyValueTable
          entries={Object.entries(data.attributes)}
          label="Attributes"
          empty="No attributes."
        />
      </section>
      <section className="panel" aria-label="History">
        <h2>Change history</h2>
        {history.isError ? (
          <ErrorPanel error={history.error} onRetry={() => void history.refetch()} />
        ) : null}
        {history.data ? <ResourceHistory changes={history.data} /> : null}
        {history.isPending ? <p className="muted">Loading history…</p> : null}
      </section>
    </div>
  );
}
