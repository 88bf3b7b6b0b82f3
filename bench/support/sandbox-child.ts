/**
 * A sandbox in a child process (one of the `*-sandbox-child.ts` scripts beside this file), so
 * the bench process's CPU time and memory are its own, not the simulator's; and the AWS
 * provider connected to it.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { awsProvider } from '@ccx/provider-aws';
import { silent } from './figures';

/** What a sandbox child answers once it listens: where it is and the account to sign as. */
export interface SandboxReady {
  url: string;
  account: { id: string; alias: string; accessKeyId: string; secretAccessKey: string };
}

export type AwsConnection = Awaited<ReturnType<typeof awsProvider.connect>>;

/**
 * Starts `script` (run through tsx) with `options` as its JSON argument and waits for its
 * ready message, or rejects with its exit code if it exits first. `stop` disconnects, which
 * the child takes as its cue to stop the sandbox.
 */
export async function forkSandboxChild<Ready extends SandboxReady>(
  script: URL,
  options: object,
): Promise<{ ready: Ready; stop: () => Promise<void> }> {
  const child = fork(script, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A child that dies before it is ready (a port in use, a bad option) must fail the bench,
  // not leave it waiting for a message that never comes.
  const exited = once(child, 'exit').then((args) => {
    const [code, signal] = args as [number | null, NodeJS.Signals | null];
    throw new Error(
      `The sandbox child exited before it was ready (${signal ?? `code ${String(code)}`})`,
    );
  });
  // Once ready, the exit that `stop` waits for is expected: nobody is waiting on this then.
  exited.catch(() => undefined);
  const [ready] = (await Promise.race([once(child, 'message'), exited])) as [Ready];
  return {
    ready,
    stop: async () => {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}

/** The AWS provider, connected to the sandbox's account in the given regions. */
export function connectAws(
  ready: SandboxReady,
  regions: readonly string[],
): Promise<AwsConnection> {
  return awsProvider.connect(
    'bench',
    awsProvider.configSchema.parse({
      endpoint: ready.url,
      credentials: {
        accessKeyId: ready.account.accessKeyId,
        secretAccessKey: ready.account.secretAccessKey,
      },
      regions: [...regions],
      accounts: [{ alias: ready.account.alias }],
    }),
    { logger: silent },
  );
}
