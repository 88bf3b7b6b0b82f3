import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The version `ccx --version` prints, read from this package's manifest so that answering does
 * not load the server packages. It moves in step with @ccx/server's (one product version).
 */
export const CLI_VERSION: string = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;
