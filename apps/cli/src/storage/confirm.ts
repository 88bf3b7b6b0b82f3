import { createInterface } from 'node:readline/promises';
import type { CliContext } from '../context';

/** True when a person can be asked: both the input and the prompt's stream are a terminal. */
export function canAsk(ctx: CliContext): boolean {
  return ctx.stdin.isTTY === true && ctx.stderr.isTTY === true;
}

/** Asks a yes/no question on the terminal; anything but `y`/`yes` is no. */
export async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr, terminal: true });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
