import { Link } from 'react-router';
import type { BucketLocation } from '../../api/storage';
import { bucketHref, prefixCrumbs } from '../../storage/paths';

/** Storage › bucket › each prefix segment, every one a link; the current one is not. */
export function Breadcrumbs({ where, prefix }: { where: BucketLocation; prefix: string }) {
  const crumbs = prefixCrumbs(prefix);
  return (
    <nav className="breadcrumbs storage-crumbs" aria-label="Breadcrumbs">
      <ol>
        <li>
          <Link to="/storage" data-testid="breadcrumb">
            Storage
          </Link>
        </li>
        <li>
          {crumbs.length === 0 ? (
            <span aria-current="page" data-testid="breadcrumb">
              {where.bucket}
            </span>
          ) : (
            <Link to={bucketHref(where)} data-testid="breadcrumb">
              {where.bucket}
            </Link>
          )}
        </li>
        {crumbs.map((crumb, index) => (
          <li key={crumb.prefix}>
            {index === crumbs.length - 1 ? (
              <span aria-current="page" data-testid="breadcrumb">
                {crumb.label}
              </span>
            ) : (
              <Link to={bucketHref(where, crumb.prefix)} data-testid="breadcrumb">
                {crumb.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
