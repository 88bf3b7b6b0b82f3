import { readFile } from 'node:fs/promises';
import { CcxError } from '@ccx/core';
import type { CcxConfig } from './config/schema';

/** The PEM bundle of `tls.extraCaFile`, handed to providers so their SDK clients trust it. */
export async function readExtraCa(config: CcxConfig): Promise<string | undefined> {
  const file = config.tls.extraCaFile;
  if (file === undefined) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CcxError(
      'invalid_input',
      `Cannot read tls.extraCaFile ${file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
