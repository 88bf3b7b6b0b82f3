import { describeError, isApiError } from '../api/errors';

/** A failed load, said plainly, with a retry when the caller can offer one. */
export function ErrorPanel({
  error,
  onRetry,
  title = 'Could not load',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const forbidden = isApiError(error, 'forbidden');
  return (
    <div className="panel error-panel" role="alert">
      <strong>{forbidden ? 'Not allowed' : title}</strong>
      <p>{forbidden ? 'Your role does not allow this.' : describeError(error)}</p>
      {onRetry && !forbidden ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
