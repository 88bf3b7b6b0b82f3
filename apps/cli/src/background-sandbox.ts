import { conflict } from '@ccx/core';

/**
 * Refuses to start a sandbox in this process while one started with `--detach` runs from the
 * same `.ccx/`: both would share the state folder, and the new one would overwrite
 * `.ccx/sandbox.yaml` with its own endpoint, so the running sandbox could no longer be synced
 * and the file would point at a dead port once this one stopped. A pid file whose process is
 * gone is not a conflict (`ccx sandbox stop` clears it).
 */
export async function refuseIfDetachedSandboxRuns(stateDir: string): Promise<void> {
  // Loaded here, not at the top: `ccx --help` must not load the sandbox.
  const { runningSandboxDaemon } = await import('@ccx/sandbox');
  const running = await runningSandboxDaemon(stateDir);
  if (!running) return;
  throw conflict(
    `A sandbox started with "ccx sandbox start --detach" is running (pid ${running.pid}); ` +
      `sync it with "ccx sync --config ${running.configFile}", or stop it first with "ccx sandbox stop"`,
  );
}
