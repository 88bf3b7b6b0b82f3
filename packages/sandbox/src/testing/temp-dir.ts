import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for a test's sandbox state (CA, pid file, config). */
export function tempStateDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `ccx-sandbox-${label}-`));
}
