import { CcxError } from '@ccx/core';
import { z } from 'zod';

/** Azure's container naming rule: 3–63 of a-z, 0-9 and single hyphens, no hyphen at either end. */
const containerNameSchema = z
  .string()
  .regex(
    /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    'expected 3–63 lowercase letters, digits and single hyphens',
  );

const MAX_BLOB_NAME_CHARS = 1024;
/** C0 controls, DEL, and the noncharacters U+FFFE/U+FFFF: none can travel in listing XML. */
function isUnlisted(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || code === 0xfffe || code === 0xffff;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Blob names as this provider accepts them. The SDK puts the name into the URL path escaping
 * everything but `/`, and every URL parser on the way (the SDK's own included) resolves `.` and
 * `..` segments: `../other/x` would address blob `x` of container `other`. Such names are
 * refused, as are control characters, noncharacters and lone surrogates, which the listing XML
 * cannot carry back (Azurite answers 500 for a container holding one).
 */
const blobNameSchema = z
  .string()
  .min(1, 'expected a non-empty object key')
  .max(MAX_BLOB_NAME_CHARS, `expected at most ${MAX_BLOB_NAME_CHARS} characters`)
  .refine((key) => !LONE_SURROGATE.test(key), 'object key holds a lone surrogate')
  .refine((key) => ![...key].some(isUnlisted), {
    message: 'object key contains a control character or noncharacter',
  })
  .refine((key) => !key.split('/').some((segment) => segment === '.' || segment === '..'), {
    message: 'object key has a "." or ".." path segment, which URLs cannot address',
  });

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues[0]?.message ?? 'invalid';
  throw new CcxError('invalid_input', `Invalid ${what}: ${reason}`, { details: { field: what } });
}

export function containerName(value: string): string {
  return check(containerNameSchema, value, 'container name');
}

export function blobName(value: string): string {
  return check(blobNameSchema, value, 'object key');
}

/**
 * Metadata names must be C# identifiers (Azure refuses others with InvalidMetadata); checked
 * here so the caller learns which one, before any byte is uploaded.
 */
export function metadataFor(metadata: Record<string, string> | undefined): Record<string, string> {
  const entries = Object.entries(metadata ?? {});
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new CcxError(
        'invalid_input',
        `Metadata name "${name.slice(0, 64)}" is not allowed on Azure: letters, digits and _ only, not starting with a digit`,
        { details: { field: 'metadata' } },
      );
    if (/[^\x20-\x7e]/.test(value))
      throw new CcxError('invalid_input', `Metadata "${name}" must be printable ASCII on Azure`, {
        details: { field: 'metadata' },
      });
  }
  return Object.fromEntries(entries);
}
