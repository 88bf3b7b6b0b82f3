import type { OperationStep } from '@ccx/api/contract';

export interface ShownStep extends OperationStep {
  /** How many reports in a row said the same (a wait reports each poll). */
  repeats: number;
}

/**
 * Steps as a reader wants them: consecutive reports of the same step and state folded into
 * one line with a count, keeping the first one's time and the last one's message.
 */
export function foldSteps(steps: readonly OperationStep[]): ShownStep[] {
  const shown: ShownStep[] = [];
  for (const step of steps) {
    const last = shown.at(-1);
    if (last && last.step === step.step && (last.state ?? null) === (step.state ?? null)) {
      last.repeats += 1;
      if (step.message) last.message = step.message;
      continue;
    }
    shown.push({ ...step, repeats: 1 });
  }
  return shown;
}
