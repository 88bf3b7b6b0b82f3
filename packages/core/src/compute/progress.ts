import type { ActionOptions, ActionProgress } from '../capabilities/compute';

/**
 * Reports one step of an action to its `onProgress` listener, stamped now. A listener that
 * throws is the listener's problem: the action goes on, as `ActionOptions` promises, so a
 * failing progress display can never leave a resize half done.
 */
export function reportProgress(
  options: ActionOptions | undefined,
  step: string,
  state: string | null,
  message?: string,
): void {
  const progress: ActionProgress = {
    step,
    state,
    at: new Date().toISOString(),
    ...(message === undefined ? {} : { message }),
  };
  try {
    options?.onProgress?.(progress);
  } catch {
    // Deliberately ignored: see above.
  }
}
