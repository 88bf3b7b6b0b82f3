import { Link } from 'react-router';
import type { BucketView } from '@ccx/api/contract';
import { nextSizeSort, type BucketSort } from '../../storage/bucket-sort';
import { formatBytes, formatMonthlyMoney } from '../../storage/format';
import { bucketHref } from '../../storage/paths';
import { ClassMixBar } from './ClassMixBar';
import { FindingBadges } from './FindingBadges';
import { PostureBadges } from './PostureBadges';

const COLUMNS = 10;
const NOT_MEASURED = 'Not measured yet: storage analysis runs after each sync';

function SortMark({ sort }: { sort: BucketSort }) {
  return (
    <span aria-hidden="true" className="sort-mark">
      {sort === 'size' ? '▲' : sort === '-size' ? '▼' : ''}
    </span>
  );
}

/**
 * The buckets as listed, or by measured size when `sort` says so; the header buttons ask the
 * page for another order and the page keeps it in the address.
 */
export function BucketTable({
  buckets,
  filtered,
  sort,
  onSort,
}: {
  buckets: BucketView[];
  filtered: boolean;
  sort: BucketSort;
  onSort: (sort: BucketSort) => void;
}) {
  const sizeSort = sort === 'size' ? 'ascending' : sort === '-size' ? 'descending' : undefined;
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="Buckets" data-testid="bucket-table">
        <thead>
          <tr>
            <th scope="col" aria-sort={sort === '' ? 'ascending' : undefined}>
              <button type="button" className="sort" onClick={() => onSort('')}>
                Name
                <span aria-hidden="true" className="sort-mark">
                  {sort === '' ? '▲' : ''}
                </span>
              </button>
            </th>
            <th scope="col">Provider</th>
            <th scope="col">Account</th>
            <th scope="col">Region</th>
            <th scope="col">Objects</th>
            <th scope="col" aria-sort={sizeSort}>
              <button type="button" className="sort" onClick={() => onSort(nextSizeSort(sort))}>
                Size
                <SortMark sort={sort} />
              </button>
            </th>
            <th scope="col">Classes</th>
            <th scope="col">Posture</th>
            <th scope="col">Findings</th>
            <th scope="col">Tiering saving</th>
          </tr>
        </thead>
        <tbody>
          {buckets.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} className="empty">
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
                {bucket.statistics === null ? (
                  <>
                    <td>
                      <span className="muted" title={NOT_MEASURED}>
                        —
                      </span>
                    </td>
                    <td>
                      <span className="muted" title={NOT_MEASURED}>
                        —
                      </span>
                    </td>
                    <td>
                      <span className="muted">not measured</span>
                    </td>
                  </>
                ) : (
                  <>
                    <td data-testid="bucket-objects">
                      {bucket.statistics.objects.toLocaleString('en-US')}
                    </td>
                    <td
                      data-testid="bucket-size"
                      title={`${bucket.statistics.bytes.toLocaleString('en-US')} bytes, measured ${bucket.statistics.measuredAt}`}
                    >
                      {formatBytes(bucket.statistics.bytes)}
                    </td>
                    <td>
                      <ClassMixBar statistics={bucket.statistics} />
                    </td>
                  </>
                )}
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
                      {formatMonthlyMoney(
                        bucket.tiering.estimatedMonthlySaving.amount,
                        bucket.tiering.estimatedMonthlySaving.currency,
                      )}
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
