import { join, resolve } from 'node:path';

/**
 * Where the CLI keeps local state, under `.ccx/` of the working directory: the sandbox's
 * generated CA and keys, the config it writes, its pid file and log, and the demo's store.
 */
export function localPaths(cwd: string) {
  const root = resolve(cwd, '.ccx');
  return {
    root,
    sandboxState: join(root, 'sandbox'),
    sandboxConfig: join(root, 'sandbox.yaml'),
    sandboxPidFile: join(root, 'sandbox.pid'),
    sandboxLog: join(root, 'sandbox.log'),
    demoData: join(root, 'demo'),
  };
}
