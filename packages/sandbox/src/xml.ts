const XML_SPECIAL = /[&<>"'\r]/;
const XML_SPECIAL_GLOBAL = /[&<>"'\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/**
 * Escapes text for an XML element or attribute. Tag keys and values are user input, so every
 * value goes through here; the fast path (nothing to escape) avoids allocating, which keeps a
 * 1000-instance page at a few milliseconds.
 */
export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_SPECIAL_GLOBAL, (ch) => ENTITIES[ch] ?? ch);
}

/** `<name>escaped</name>`, or nothing when the value is absent. */
export function el(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
