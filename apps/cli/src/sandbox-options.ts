import { InvalidArgumentError, Option, type Command } from 'commander';
import { invalidInput } from '@ccx/core';

export interface SandboxFlags {
  seed?: number;
  faults?: string;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new InvalidArgumentError('expected a whole number >= 0');
  return seed;
}

/** Checked before anything starts, so a bad spec is a usage error (exit 2); the sandbox parses it again. */
export async function checkFaultSpec(spec: string | undefined): Promise<void> {
  if (spec === undefined) return;
  const { FaultSpecError, parseFaultSpec } = await import('@ccx/sandbox');
  try {
    parseFaultSpec(spec);
  } catch (error) {
    if (error instanceof FaultSpecError) throw invalidInput(`--faults: ${error.message}`);
    throw error;
  }
}

/** `--seed` and `--faults`, shared by `ccx demo` and `ccx sandbox start`. */
export function withSandboxFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--seed <n>', 'seed of the generated estate (same seed, same estate)').argParser(
        parseSeed,
      ),
    )
    .addOption(
      new Option('--faults <spec>', 'inject faults, e.g. "latency=50,ec2.throttle=0.3,error=0.01"'),
    );
}
