import { InvalidArgumentError, Option, type Command } from 'commander';
import { FaultSpecError, parseFaultSpec } from '@ccx/sandbox';

export interface SandboxFlags {
  seed?: number;
  faults?: string;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return seed;
}

/** Checked here so a bad spec is a usage error (exit 2) before anything starts; the sandbox parses it again. */
function checkFaults(value: string): string {
  try {
    parseFaultSpec(value);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new InvalidArgumentError(error.message);
    throw error;
  }
  return value;
}

/** `--seed` and `--faults`, shared by `ccx demo` and `ccx sandbox start`. */
export function withSandboxFlags(command: Command): Command {
  return command
    .addOption(new Option('--seed <n>', 'seed of the generated estate (same seed, same estate)').argParser(parseSeed))
    .addOption(
      new Option('--faults <spec>', 'inject faults, e.g. "latency=50,ec2.throttle=0.3,error=0.01"').argParser(checkFaults),
    );
}
