/**
 * Environment variables that override ccx.yaml. Each names the config path it sets, so an
 * invalid value is reported at that path with the variable it came from.
 */
export const ENV_OVERRIDES = [
  { env: 'CCX_PORT', path: ['server', 'port'], numeric: true },
  { env: 'CCX_HOST', path: ['server', 'host'], numeric: false },
  { env: 'CCX_STORE_URL', path: ['store', 'url'], numeric: false },
  { env: 'CCX_REDIS_URL', path: ['sync', 'redisUrl'], numeric: false },
  { env: 'CCX_DATA_DIR', path: ['dataDir'], numeric: false },
  { env: 'CCX_LOG_LEVEL', path: ['logging', 'level'], numeric: false },
  { env: 'CCX_OIDC_CLIENT_SECRET', path: ['auth', 'oidc', 'clientSecret'], numeric: false },
] as const;

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Returns a copy of `raw` with every set override applied, and the dotted paths each variable
 * wrote. A numeric variable that does not look like a number is kept as the string, so the
 * schema reports exactly what was given.
 */
export function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Env,
): { merged: Record<string, unknown>; sources: Map<string, string> } {
  const merged = structuredClone(raw);
  const sources = new Map<string, string>();
  for (const override of ENV_OVERRIDES) {
    const value = env[override.env];
    if (value === undefined || value === '') continue;
    const parsed = override.numeric && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    setPath(merged, override.path, parsed);
    sources.set(override.path.join('.'), override.env);
  }
  return { merged, sources };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  });
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}
