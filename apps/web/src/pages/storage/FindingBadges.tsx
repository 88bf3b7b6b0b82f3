import { findingTotals } from '../../storage/findings';

/** "PII n" / "Secrets n" from finding counts by type; nothing when the scan found nothing. */
export function FindingBadges({ counts }: { counts: Record<string, number> | null | undefined }) {
  const totals = findingTotals(counts);
  if (totals.pii === 0 && totals.secrets === 0) return null;
  return (
    <span className="finding-badges">
      {totals.pii > 0 ? (
        <span className="badge badge-warn" data-testid="pii-badge" title={totals.detail}>
          {`PII ${totals.pii}`}
        </span>
      ) : null}
      {totals.secrets > 0 ? (
        <span className="badge badge-bad" data-testid="secret-badge" title={totals.detail}>
          {`Secrets ${totals.secrets}`}
        </span>
      ) : null}
    </span>
  );
}
