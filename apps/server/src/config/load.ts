import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CcxError } from '@ccx/core';
import { applyEnvOverrides, type Env } from './env';
import { defaultMessage, formatIssues, joinPath } from './issues';
import { configSchema, type CcxConfig } from './schema';

export interface LoadConfigOptions {
  /** Explicit config file; a missing one is an error. Falls back to CCX_CONFIG, then ./ccx.yaml if present. */
  file?: string;
  env: Env;
  /** Base for relative paths; defaults to the process working directory. */
  cwd?: string;
}

export const DEFAULT_CONFIG_FILE = 'ccx.yaml';

/**
 * Reads ccx.yaml (if any), applies environment overrides and validates the result. Relative
 * paths resolve against `cwd` (not the file's folder), so `--config .ccx/sandbox.yaml` and a
 * ccx.yaml in the working directory put data in the same place.
 *
 * @throws CcxError `invalid_input` whose message lists one line per problem and whose
 *   `details.issues` holds the same lines.
 */
export function loadConfig(options: LoadConfigOptions): CcxConfig & { configFile: string | null } {
  const cwd = options.cwd ?? process.cwd();
  const file = pickFile(options, cwd);
  const raw = file === null ? {} : readConfigFile(file);
  const { merged, sources } = applyEnvOverrides(raw, options.env);
  const result = configSchema.safeParse(merged, {
    reportInput: true,
    error: (issue) => defaultMessage(issue),
  });
  if (!result.success) {
    const lines = formatIssues(result.error.issues).map((line, index) => {
      const issue = result.error.issues[index];
      const source = issue === undefined ? undefined : sources.get(issue.path.join('.'));
      return source === undefined ? line : `${line} (from ${source})`;
    });
    const where = file === null ? 'the environment' : file;
    throw new CcxError(
      'invalid_input',
      `Invalid configuration in ${where}:\n  ${lines.join('\n  ')}`,
      {
        details: { file, issues: lines },
      },
    );
  }
  return { ...resolvePaths(result.data, cwd), configFile: file };
}

function pickFile(options: LoadConfigOptions, cwd: string): string | null {
  const explicit = options.file ?? options.env.CCX_CONFIG;
  if (explicit !== undefined && explicit !== '') {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new CcxError('invalid_input', `Config file not found: ${file}`, { details: { file } });
    }
    return file;
  }
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : null;
}

function readConfigFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CcxError('invalid_input', `Cannot read config file ${file}: ${reason}`, {
      cause: error,
      details: { file },
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CcxError(
      'invalid_input',
      `Invalid configuration in ${file}:\n  ${joinPath([])}: expected a mapping of keys`,
      {
        details: { file },
      },
    );
  }
  return parsed as Record<string, unknown>;
}

function resolvePaths(config: CcxConfig, cwd: string): CcxConfig {
  const dataDir = resolve(cwd, config.dataDir);
  const url = config.store.url ?? resolve(dataDir, 'ccx.db');
  return {
    ...config,
    dataDir,
    store: { ...config.store, url: resolveStoreUrl(url, cwd) },
    tls: {
      ...config.tls,
      extraCaFile:
        config.tls.extraCaFile === undefined ? undefined : resolve(cwd, config.tls.extraCaFile),
    },
  };
}

/** PostgreSQL URLs and `:memory:` pass through; an SQLite path (with or without `sqlite:`) becomes absolute. */
export function resolveStoreUrl(url: string, cwd: string): string {
  if (/^postgres(ql)?:\/\//.test(url) || url === ':memory:') return url;
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return isAbsolute(path) ? path : resolve(cwd, path);
}
