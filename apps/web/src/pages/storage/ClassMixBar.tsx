import type { BucketStatistics } from '@ccx/api/contract';
import { classMixText, classShares } from '../../storage/class-mix';

/**
 * Colour by temperature, so one class looks the same in every row whatever its position:
 * archive tiers darkest, infrequent-access tiers lighter, anything else (hot, default) accent.
 */
function classColor(label: string): string {
  if (/archive|glacier|deep/i.test(label)) return '#3d2a6b';
  if (/cold/i.test(label)) return '#3f51b5';
  if (/cool|nearline|_ia|infrequent|intelligent/i.test(label)) return '#2a9d8f';
  return 'var(--accent)';
}

/**
 * The class mix of a bucket as a small stacked bar of byte shares. Colour is never the only
 * carrier: the bar is an image whose label (and title, for a pointer) lists class: bytes, and
 * the largest class is written next to it.
 */
export function ClassMixBar({ statistics }: { statistics: BucketStatistics }) {
  const shares = classShares(statistics);
  const [largest] = shares;
  if (!largest) return <span className="muted">empty</span>;
  const text = classMixText(statistics);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span
        role="img"
        aria-label={`Storage classes: ${text}`}
        title={text}
        data-testid="class-mix"
        style={{
          display: 'inline-flex',
          width: 80,
          height: 10,
          borderRadius: 2,
          overflow: 'hidden',
          background: 'var(--border)',
        }}
      >
        {shares.map((share) => (
          <span
            key={share.label}
            style={{
              width: `${share.percent.toFixed(2)}%`,
              minWidth: share.percent > 0 ? 2 : 0,
              background: classColor(share.label),
            }}
          />
        ))}
      </span>
      <span aria-hidden="true">
        {largest.label}
        {shares.length > 1 ? <span className="muted">{` +${shares.length - 1}`}</span> : null}
      </span>
    </span>
  );
}
