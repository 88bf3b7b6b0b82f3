import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built dashboard (`npm run build:web` writes apps/web/dist). Resolved from this file, not
 * the working directory, so `ccx serve` finds it from any folder; undefined when not built, in
 * which case the API runs alone.
 */
export function findWebRoot(): string | undefined {
  const dist = fileURLToPath(new URL('../../web/dist', import.meta.url));
  return existsSync(`${dist}/index.html`) ? dist : undefined;
}
