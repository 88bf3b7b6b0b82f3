import type { ProviderId } from '@ccx/core';

/** Metadata names each service accepts: Azure wants C# identifiers, S3 HTTP header tokens. */
const NAME_RULES: Partial<
  Record<ProviderId, { valid: RegExp; invalidChar: RegExp; lead?: RegExp }>
> = {
  azure: { valid: /^[A-Za-z_][A-Za-z0-9_]*$/, invalidChar: /[^A-Za-z0-9_]/g, lead: /^[0-9]/ },
  aws: { valid: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, invalidChar: /[^!#$%&'*+.^_`|~0-9A-Za-z-]/g },
};

/** Both S3 (HTTP headers) and Azure want printable ASCII values; GCS takes any JSON string. */
const ASCII_VALUES = new Set<ProviderId>(['aws', 'azure']);

/**
 * Metadata carried from one provider to another, renamed and encoded only as far as the target
 * requires: a name the target refuses gets its invalid characters replaced (`content-origin`
 * becomes `content_origin` on Azure), and a value with non-ASCII characters is
 * percent-encoded for S3 and Azure. Two names that collapse into one keep both, the later with
 * a numeric suffix, so nothing is dropped; names already valid are untouched.
 */
export function portableMetadata(
  target: ProviderId,
  metadata: Readonly<Record<string, string>>,
): Record<string, string> {
  const rule = NAME_RULES[target];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    let portable = name;
    if (rule && !rule.valid.test(name)) {
      portable = name.replace(rule.invalidChar, '_');
      if (rule.lead?.test(portable) || portable === '') portable = `_${portable}`;
    }
    let unique = portable;
    for (let n = 2; Object.hasOwn(out, unique); n++) unique = `${portable}_${n}`;
    out[unique] =
      ASCII_VALUES.has(target) && /[^\x20-\x7e]/.test(value) ? encodeURIComponent(value) : value;
  }
  return out;
}
