import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { localPaths } from '../paths';

/** Commands that run the sandbox in this process, so they need its CA before Node starts. */
const SANDBOX_COMMANDS = new Set(['demo', 'sandbox']);

/**
 * The CA file Node must trust for this command line, or null. For `ccx demo` and
 * `ccx sandbox …` it is the sandbox's CA (created on first use); otherwise the config's
 * `tls.extraCaFile`, if any.
 *
 * The config is only peeked at here: if it cannot be read, this returns null and the command
 * itself loads the config and reports the problem properly (with exit code 2).
 */
export async function extraCaFileFor(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string | null> {
  const wanted = await wantedCaFile(args, env, cwd);
  if (wanted === null) return null;
  const inherited = env.NODE_EXTRA_CA_CERTS;
  if (inherited === undefined || inherited === '' || inherited === wanted) return wanted;
  return bundle([inherited, wanted], localPaths(cwd).caBundle);
}

async function wantedCaFile(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string | null> {
  const command = args.find((arg) => !arg.startsWith('-') && !isOptionValue(args, arg));
  if (command !== undefined && SANDBOX_COMMANDS.has(command)) {
    // Loaded only here: every other command line starts without the sandbox package.
    const { ensureSandboxCa } = await import('@ccx/sandbox');
    const ca = await ensureSandboxCa(localPaths(cwd).sandboxState);
    return ca.caFile;
  }
  const file = configFileFrom(args, env, cwd);
  if (file === null || !existsSync(file)) return null;
  const extra = peekExtraCaFile(file);
  return extra === null ? null : resolve(cwd, extra);
}

/**
 * NODE_EXTRA_CA_CERTS holds one file. When the user already trusts a CA that way (a corporate
 * proxy, say), replacing it would break their other connections, so both go into one bundle.
 */
async function bundle(files: readonly string[], target: string): Promise<string> {
  const pems = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, pems.map((pem) => pem.trim()).join('\n') + '\n', { mode: 0o644 });
  return target;
}

function isOptionValue(args: readonly string[], arg: string): boolean {
  const index = args.indexOf(arg);
  return index > 0 && args[index - 1] === '--config';
}

function configFileFrom(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): string | null {
  const index = args.indexOf('--config');
  const inline = args.find((arg) => arg.startsWith('--config='));
  const file =
    index >= 0
      ? args[index + 1]
      : (inline?.slice('--config='.length) ?? env.CCX_CONFIG ?? 'ccx.yaml');
  return file === undefined || file === '' ? null : resolve(cwd, file);
}

function peekExtraCaFile(file: string): string | null {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    return null; // reported with its line by loadConfig when the command runs
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const tls = (parsed as { tls?: unknown }).tls;
  if (typeof tls !== 'object' || tls === null) return null;
  const extra = (tls as { extraCaFile?: unknown }).extraCaFile;
  return typeof extra === 'string' && extra !== '' ? extra : null;
}
