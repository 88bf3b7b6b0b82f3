/**
 * Undo steps run in reverse order of registration, once. Every step runs even if an earlier
 * one fails (a stuck provider must not keep the store open); the first failure is rethrown
 * after all have run.
 */
export class Shutdown {
  private readonly steps: (() => unknown)[] = [];
  private done: Promise<void> | undefined;

  push(step: () => unknown): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.done ??= this.runSteps();
    return this.done;
  }

  private async runSteps(): Promise<void> {
    let firstError: unknown;
    let failed = false;
    for (const step of this.steps.reverse()) {
      try {
        await step();
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
    if (failed) throw firstError;
  }
}
