import type { PostureCheck } from '@ccx/api/contract';

/**
 * Checks are titled by the state they expect ("Versioning enabled"); a failed one is badged
 * by what is wrong instead, so a red badge never reads like praise. Ids this page does not
 * know fall back to "Fails: <title>".
 */
const FAILURE_LABELS: Record<string, string> = {
  'public-access': 'Public',
  'block-public-access': 'No public-access block',
  'default-encryption': 'Unencrypted',
  versioning: 'No versioning',
  'access-logging': 'No access logging',
  'lifecycle-rules': 'No lifecycle rules',
};

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
          title={[`Fails: ${check.title}`, ...check.cis].join(' · ')}
        >
          {FAILURE_LABELS[check.id] ?? `Fails: ${check.title}`}
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
