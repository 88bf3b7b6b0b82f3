import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The product version, read once from this package's manifest (the one place it is set). */
export const VERSION: string = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;
