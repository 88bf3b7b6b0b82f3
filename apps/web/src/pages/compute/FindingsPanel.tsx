import type { ComputeFinding } from '@ccx/api/contract';
import { KeyValueTable } from '../../components/KeyValueTable';
import { Time } from '../../components/Time';
import { LineChart } from '../../components/charts/LineChart';
import { findEvidenceSeries, plainEvidence, readRightsizing } from '../../compute/evidence';
import type { SizeFacts } from '../../compute/evidence';
import { formatMetricValue } from '../../compute/format';
import { formatMonthlyMoney } from '../../storage/format';

const SEVERITY_TONE: Record<string, string> = {
  critical: 'bad',
  high: 'bad',
  medium: 'warn',
  low: 'neutral',
  info: 'idle',
};

/** Kinds whose evidence series is CPU in percent (the only unit their charts claim). */
const CPU_EVIDENCE_KINDS = new Set([
  'compute.rightsizing',
  'compute.idle',
  'compute.off-hours',
  'ecs.scaling',
]);

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const formatDay = (epochSeconds: number) => dayFormat.format(new Date(epochSeconds * 1000));
const formatPercent = (value: number) => formatMetricValue('percent', value);

/** Recommendations about the resource, each with the evidence behind it and the money at stake. */
export function FindingsPanel({ findings }: { findings: ComputeFinding[] }) {
  return (
    <section className="panel" aria-label="Recommendations">
      <h2>Recommendations</h2>
      {findings.length === 0 ? (
        <p className="muted">No recommendations: nothing found to resize, schedule or remove.</p>
      ) : (
        <ul className="findings">
          {findings.map((finding, index) => (
            <FindingItem key={`${finding.kind}-${index}`} finding={finding} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FindingItem({ finding }: { finding: ComputeFinding }) {
  const impact = finding.estimatedMonthlyImpact;
  const rightsizing =
    finding.kind === 'compute.rightsizing' ? readRightsizing(finding.evidence) : null;
  const series = CPU_EVIDENCE_KINDS.has(finding.kind) ? findEvidenceSeries(finding.evidence) : null;
  return (
    <li className="finding" data-testid="finding" data-kind={finding.kind}>
      <div className="finding-head">
        <span className={`badge badge-${SEVERITY_TONE[finding.severity] ?? 'neutral'}`}>
          {finding.severity}
        </span>
        <strong>{finding.title}</strong>
        {impact && impact.amount > 0 ? (
          <span className="saving" data-testid="finding-saving">
            saves {formatMonthlyMoney(impact.amount, impact.currency)}
          </span>
        ) : null}
        <span className="muted">
          <code>{finding.kind}</code> · <Time value={finding.detectedAt} />
        </span>
      </div>
      {rightsizing && (rightsizing.current || rightsizing.recommended) ? (
        <p className="rightsizing" data-testid="rightsizing">
          <code>{rightsizing.current ?? '?'}</code>
          <SizeFactsText facts={rightsizing.currentFacts} /> →{' '}
          <code>{rightsizing.recommended ?? '?'}</code>
          <SizeFactsText facts={rightsizing.recommendedFacts} />
          {rightsizing.percentile !== null ? (
            <span>
              {` · CPU P${trimNumber(rightsizing.percentile)}`}
              {rightsizing.demand !== null ? ` = ${formatPercent(rightsizing.demand)}` : ''}
            </span>
          ) : null}
          {rightsizing.headroom !== null ? (
            <span>{` · ${trimNumber(rightsizing.headroom)} % headroom`}</span>
          ) : null}
        </p>
      ) : null}
      {series ? (
        <LineChart
          title={
            rightsizing?.percentile != null
              ? `CPU P${trimNumber(rightsizing.percentile)} per day`
              : `Evidence: ${series.field}`
          }
          series={[{ label: series.field, timestamps: series.timestamps, values: series.values }]}
          periodSeconds={medianStep(series.timestamps)}
          start={series.timestamps[0] ?? 0}
          end={series.timestamps.at(-1) ?? 0}
          percent
          format={formatPercent}
          formatTime={formatDay}
        />
      ) : null}
      <details>
        <summary>Evidence</summary>
        <KeyValueTable
          entries={plainEvidence(finding.evidence)}
          label="Evidence"
          empty="No further evidence."
        />
      </details>
    </li>
  );
}

function SizeFactsText({ facts }: { facts: SizeFacts | null }) {
  if (!facts) return null;
  const parts = [
    facts.vcpu !== null ? `${facts.vcpu} vCPU` : null,
    facts.memoryGiB !== null ? `${facts.memoryGiB} GiB` : null,
    facts.monthlyPrice !== null ? formatMonthlyMoney(facts.monthlyPrice, 'USD') : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? <span className="muted">{` (${parts.join(', ')})`}</span> : null;
}

/** 99.5 stays 99.5, 20.000001 reads 20. */
function trimNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The usual distance between points, so the chart breaks only at real gaps. */
function medianStep(timestamps: number[]): number {
  const steps = timestamps
    .slice(1)
    .map((time, index) => time - (timestamps[index] ?? time))
    .filter((step) => step > 0)
    .sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 86_400;
}
