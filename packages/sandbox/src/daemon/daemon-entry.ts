import { rm, writeFile } from 'node:fs/promises';
import { writeSandboxConfig } from '../cli-config';
import { startSandbox } from '../start-sandbox';
import { daemonOptionsSchema } from './daemon-options';
import { pidFilePath, type PidFile } from './daemon-files';

/**
 * The detached sandbox process. Readiness is the pid file: it is written last, after the
 * servers listen and the config is on disk, so a launcher that sees it can connect at once.
 */
async function main(): Promise<void> {
  const options = daemonOptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const { configFile, stateDir, readyTimeoutMs: _timeout, ...sandboxOptions } = options;
  const handle = await startSandbox({ ...sandboxOptions, stateDir });
  await writeSandboxConfig(handle, configFile);
  const pidFile: PidFile = {
    pid: process.pid,
    url: handle.url,
    httpsUrl: handle.httpsUrl,
    configFile,
  };
  await writeFile(pidFilePath(stateDir), JSON.stringify(pidFile));
  console.log(`sandbox ${process.pid} listening on ${handle.url} and ${handle.httpsUrl}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox ${process.pid} stopping on ${signal}`);
    handle
      .stop()
      .then(() => rm(pidFilePath(stateDir), { force: true }))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('sandbox: failed to stop cleanly', error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('sandbox: failed to start', error);
  process.exit(1);
});
