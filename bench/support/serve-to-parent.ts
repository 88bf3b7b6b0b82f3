/**
 * The child side of a benchmark's sandbox process: tells the parent where the sandbox listens
 * and how to sign in (plus what the bench adds), and stops the sandbox when the parent
 * disconnects. The parent side is `forkSandboxChild` in `sandbox-child.ts`.
 */
import type { SandboxHandle } from '@ccx/sandbox';

export function serveToParent(handle: SandboxHandle, extra: Record<string, unknown> = {}): void {
  const account = handle.accounts[0];
  process.send?.({
    url: handle.url,
    ...extra,
    account: account && {
      id: account.id,
      alias: account.alias,
      accessKeyId: account.accessKeyId,
      secretAccessKey: account.secretAccessKey,
    },
  });
  process.on('disconnect', () => {
    handle
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        // The parent is gone, so stderr is the only place left to say why.
        console.error('the bench sandbox did not stop cleanly:', error);
        process.exit(1);
      });
  });
}
