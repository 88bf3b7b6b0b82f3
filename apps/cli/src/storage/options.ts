import { z } from 'zod';
import { invalidInput } from '@ccx/core';

/** Seconds a presigned URL lives: at least a minute, at most the 7 days S3 and GCS allow. */
export const expiresSchema = z.coerce.number().int().min(60).max(604_800);
/** Objects a scan looks at: a positive bound, so a scan of a huge bucket ends. */
export const maxObjectsSchema = z.coerce.number().int().min(1).max(1_000_000);

/** Parses one option value, reporting a bad one as a usage error that names the option. */
export function optionValue<T>(schema: z.ZodType<T>, option: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid value';
    throw invalidInput(`${option}: ${reason}, got ${JSON.stringify(value)}`);
  }
  return parsed.data;
}

/** An AbortSignal fired by the first Ctrl-C, so a transfer stops instead of dying mid-write. */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { onFirstSignal } = await import('../signals');
  const controller = new AbortController();
  const dispose = onFirstSignal(() => controller.abort());
  try {
    return await work(controller.signal);
  } finally {
    dispose();
  }
}
