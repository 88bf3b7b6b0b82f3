import type { ExitCode } from './exit-codes';

/** Where a command's action leaves its exit code; `main` returns it once commander is done. */
export interface Outcome {
  code: ExitCode;
}
