import type { PostureCheck } from '../../api/schemas/storage';

/**
 * One badge per failed check, its CIS ids in the title; checks whose setting could not be
 * read are counted apart, since unknown is not a failure.
 */
export function PostureBadges({ checks }: { checks: PostureCheck[] }) {
  const failed = checks.filter((check) => check.status === 'fail');
  const unknown = checks.filter((check) => check.status === 'unknown');
  if (checks.length === 0) return <span className="muted">not assessed</span>;
  return (
    <span className="posture-badges">
      {failed.length === 0 ? <span className="badge badge-ok">ok</span> : null}
      {failed.map((check) => (
        <span
          key={check.id}
          className={`badge ${check.severity === 'low' ? 'badge-warn' : 'badge-bad'}`}
          data-testid="posture-badge"
          title={[check.title, ...check.cis].join(' · ')}
        >
          {check.title}
        </span>
      ))}
      {unknown.length > 0 ? (
        <span className="badge badge-idle" title={unknown.map((check) => check.title).join(', ')}>
          {unknown.length} unknown
        </span>
      ) : null}
    </span>
  );
}
