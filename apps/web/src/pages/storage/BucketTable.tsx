import { Link } from 'react-router';
import type { BucketView } from '../../api/schemas/storage';
import { formatMoney } from '../../storage/format';
import { bucketHref } from '../../storage/paths';
import { FindingBadges } from './FindingBadges';
import { PostureBadges } from './PostureBadges';

/**
 * Storage class mix (`{STANDARD: 120, GLACIER: 4}`) when the provider's listing recorded one;
 * anything else in that attribute is ignored rather than guessed at.
 */
function classMix(bucket: BucketView): string | null {
  const mix = bucket.attributes['storageClassMix'] ?? bucket.attributes['classMix'];
  if (!mix || typeof mix !== 'object') return null;
  const parts = Object.entries(mix as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, count]) => `${name} ${count}`);
  return parts.length ? parts.join(', ') : null;
}

export function BucketTable({ buckets, filtered }: { buckets: BucketView[]; filtered: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="Buckets" data-testid="bucket-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Provider</th>
            <th scope="col">Account</th>
            <th scope="col">Region</th>
            <th scope="col">Classes</th>
            <th scope="col">Posture</th>
            <th scope="col">Findings</th>
            <th scope="col">Tiering saving</th>
          </tr>
        </thead>
        <tbody>
          {buckets.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                {filtered
                  ? 'No buckets match these filters.'
                  : 'No buckets yet: run a sync from the Overview to list them.'}
              </td>
            </tr>
          ) : (
            buckets.map((bucket) => (
              <tr key={bucket.uid} data-testid="bucket-row" data-bucket={bucket.bucket}>
                <td>
                  <Link to={bucketHref(bucket)}>{bucket.bucket}</Link>
                </td>
                <td>
                  {bucket.provider} <span className="muted">{bucket.connection}</span>
                </td>
                <td>{bucket.account}</td>
                <td>{bucket.region ?? <span className="muted">—</span>}</td>
                <td>{classMix(bucket) ?? <span className="muted">—</span>}</td>
                <td>
                  <PostureBadges checks={bucket.posture} />
                </td>
                <td>
                  {bucket.classification === null ? (
                    <span className="muted">not scanned</span>
                  ) : (
                    <FindingBadges counts={bucket.classification.counts} />
                  )}
                </td>
                <td>
                  {bucket.tiering && bucket.tiering.recommendations > 0 ? (
                    <span
                      title={`${bucket.tiering.recommendations} recommendation(s)`}
                      data-testid="tiering-saving"
                    >
                      {`${formatMoney(
                        bucket.tiering.estimatedMonthlySaving.amount,
                        bucket.tiering.estimatedMonthlySaving.currency,
                      )}/mo`}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
