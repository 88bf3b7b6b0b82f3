#!/usr/bin/env node
// The `ccx` binary. Runs the TypeScript sources through tsx, so `npx ccx` works in a clone
// right after `npm ci`, with no build step.
//
// Node reads NODE_EXTRA_CA_CERTS only at start-up. When the command talks to the sandbox (whose
// HTTPS certificate is signed by a CA it generates) or the config names `tls.extraCaFile`, this
// file re-executes Node once with that variable set, so every HTTPS client in the process
// (fetch, the SDKs) trusts the CA without code paths of its own.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();

const args = process.argv.slice(2);
const { extraCaFileFor } = await import('../src/bootstrap/extra-ca.ts');
const caFile = await extraCaFileFor(args, process.env, process.cwd());

// CCX_CA_REEXEC marks the child, so a CA file that somehow differs on the second look can
// never make the binary re-execute itself in a loop.
if (
  caFile !== null &&
  process.env.NODE_EXTRA_CA_CERTS !== caFile &&
  process.env.CCX_CA_REEXEC === undefined
) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...args],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, CCX_CA_REEXEC: '1' },
    },
  );
  // On a terminal, Ctrl-C reaches the child directly (same process group); forwarding it as
  // well would deliver a second SIGINT, which means "stop now" to the child and would cut its
  // orderly shutdown short. So SIGINT is forwarded only when there is no terminal; SIGTERM and
  // SIGHUP (`kill <pid>`) always are. Either way this process exits with the child's code.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === null ? 1 : 128 + (signalNumber(signal) ?? 1)));
  });
  child.on('error', (error) => {
    process.stderr.write(`ccx: cannot start Node: ${error.message}\n`);
    process.exit(1);
  });
} else {
  const { main } = await import('../src/main.ts');
  const code = await main(process.argv);
  process.exitCode = code;
  // Every command closes what it opened; should a library leave a handle open anyway, the
  // command's result still ends the process instead of hanging it. The timer is unref'd, so
  // it only fires when something else is keeping the process alive — which is a leak, so it
  // says so under --verbose rather than hiding it.
  setTimeout(() => {
    if (process.argv.includes('--verbose')) {
      process.stderr.write(
        'ccx: a handle was still open after the command finished; exiting anyway\n',
      );
    }
    process.exit(code);
  }, 1000).unref();
}

function signalNumber(name) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[name];
}
