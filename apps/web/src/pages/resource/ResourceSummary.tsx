import type { ResourceDetail } from '@ccx/api/contract';
import { AccountName } from '../../components/AccountName';
import { StateBadge } from '../../components/StateBadge';
import { Time } from '../../components/Time';

export function ResourceSummary({ resource }: { resource: ResourceDetail }) {
  return (
    <section className="panel" aria-label="Summary">
      <h2>Summary</h2>
      <dl className="summary-grid">
        <dt>ID</dt>
        <dd>
          <code>{resource.id}</code>
        </dd>
        <dt>State</dt>
        <dd>
          <StateBadge state={resource.state} />
          {resource.deletedAt ? <span className="badge badge-bad">deleted</span> : null}
        </dd>
        <dt>Type</dt>
        <dd>{resource.type}</dd>
        <dt>Provider</dt>
        <dd>{resource.provider}</dd>
        <dt>Account</dt>
        <dd>
          <AccountName account={resource.account} alias={resource.accountAlias} />
        </dd>
        <dt>Region</dt>
        <dd>{resource.region}</dd>
        <dt>Connection</dt>
        <dd>{resource.connection ?? '—'}</dd>
        <dt>Created</dt>
        <dd>
          <Time value={resource.createdAt} />
        </dd>
        <dt>First seen</dt>
        <dd>
          <Time value={resource.firstSeenAt} />
        </dd>
        <dt>Last seen</dt>
        <dd>
          <Time value={resource.lastSeenAt} />
        </dd>
        {resource.deletedAt ? (
          <>
            <dt>Deleted</dt>
            <dd>
              <Time value={resource.deletedAt} />
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
