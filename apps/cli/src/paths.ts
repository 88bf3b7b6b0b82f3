import { join, resolve } from 'node:path';

/**
 * Where the CLI keeps local state, under `.ccx/` of the working directory: the sandbox's
 * generated CA and keys, its pid file and log, the config it writes, and the demo's store.
 */
export function localPaths(cwd: string) {
  const root = resolve(cwd, '.ccx');
  return {
    root,
    sandboxState: join(root, 'sandbox'),
    sandboxConfig: join(root, 'sandbox.yaml'),
    demoData: join(root, 'demo'),
    /** The inherited NODE_EXTRA_CA_CERTS and the CA this command needs, in one file. */
    caBundle: join(root, 'ca-bundle.pem'),
  };
}
