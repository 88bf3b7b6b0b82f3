import { useEffect } from 'react';
import { Link } from 'react-router';
import type { Operation } from '@ccx/api/contract';
import { describeError } from '../../api/errors';
import { ACTION_LABELS } from '../../app/action-labels';
import { StateBadge } from '../../components/StateBadge';
import { Time } from '../../components/Time';
import { foldSteps } from '../../compute/steps';
import { useOperation } from '../../compute/use-operation';

const STATUS_TONE = { running: 'warn', succeeded: 'ok', failed: 'bad' } as const;

function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string | undefined>)[action] ?? action;
}

/**
 * An action's live progress: every step the provider reported (stopping → stopped →
 * modifying → starting → running for a resize), then the final state and size, or the error,
 * and the warning of an action done whose new state the inventory could not record yet. The
 * correlation id is what its audit entries share.
 */
export function OperationProgress({
  initial,
  onStatus,
}: {
  initial: Operation;
  /** Told each status the operation reaches, so the caller can hold other actions meanwhile. */
  onStatus?: (status: Operation['status']) => void;
}) {
  const query = useOperation(initial);
  const status = query.data.status;
  useEffect(() => onStatus?.(status), [status, onStatus]);
  return <OperationView operation={query.data} pollError={query.error} />;
}

/** A step's time as seconds after the start: steps of one action are seconds apart. */
function elapsed(start: string, at: string): string {
  const ms = Date.parse(at) - Date.parse(start);
  return Number.isFinite(ms) ? `+${(Math.max(0, ms) / 1000).toFixed(1)} s` : at;
}

export function OperationView({
  operation,
  pollError = null,
}: {
  operation: Operation;
  pollError?: unknown;
}) {
  const label = actionLabel(operation.action);
  return (
    <section
      className="panel operation"
      aria-label={`${label} progress`}
      data-testid="operation"
      data-status={operation.status}
    >
      <header className="panel-header">
        <h2>{label}</h2>
        <span
          className={`badge badge-${STATUS_TONE[operation.status]}`}
          data-testid="operation-status"
        >
          {operation.status}
        </span>
        <span className="muted">
          started <Time value={operation.startedAt} />
        </span>
      </header>
      <ol className="operation-steps" aria-label="Steps">
        {foldSteps(operation.steps).map((step, index) => (
          <li key={`${index}-${step.step}`} data-testid="operation-step" data-step={step.step}>
            <span className="operation-step-name">{step.step}</span>
            {step.state ? <StateBadge state={step.state} /> : null}
            {step.repeats > 1 ? <span className="muted">{`×${step.repeats}`}</span> : null}
            <time dateTime={step.at} title={step.at} className="muted">
              {elapsed(operation.startedAt, step.at)}
            </time>
            {step.message ? <span className="muted">{step.message}</span> : null}
          </li>
        ))}
        {operation.status === 'running' ? (
          <li className="operation-waiting muted" aria-live="polite">
            waiting for the provider…
          </li>
        ) : null}
      </ol>
      {operation.status !== 'running' ? (
        <p role="status" data-testid="operation-result">
          {operation.status === 'succeeded' ? 'Done' : 'Failed'}
          {operation.state ? (
            <>
              {', state '}
              <strong data-testid="operation-state">{operation.state}</strong>
            </>
          ) : null}
          {operation.size ? (
            <>
              {', size '}
              <strong data-testid="operation-size">{operation.size}</strong>
            </>
          ) : null}
        </p>
      ) : null}
      {operation.warning ? (
        <p className="inline-warning" data-testid="operation-warning">
          {operation.warning}
        </p>
      ) : null}
      {operation.error ? (
        <p role="alert" className="inline-error">
          {operation.error.message} <code>{operation.error.code}</code>
        </p>
      ) : null}
      {pollError ? (
        <p role="alert" className="inline-error">
          Could not follow the action: {describeError(pollError)}
        </p>
      ) : null}
      <p className="muted">
        Correlation <code>{operation.correlationId}</code> — <Link to="/activity">audit log</Link>
      </p>
    </section>
  );
}
