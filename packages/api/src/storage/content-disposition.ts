/**
 * `Content-Disposition: attachment` for an object key, per RFC 6266: the last key segment as
 * the file name, an ASCII-only `filename` fallback and the exact name in `filename*`
 * (RFC 8187 percent-encoding). Nothing of the key reaches the header unencoded, so quotes,
 * `;`, CR/LF, `../` and `<script>` cannot break out of it or name a path.
 */
export function attachmentDisposition(key: string): string {
  const base =
    key
      .split('/')
      .filter((segment) => segment !== '')
      .at(-1) ?? '';
  const name = base === '.' || base === '..' || base === '' ? 'download' : base;
  const fallback = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** attr-char of RFC 8187 stays; every other UTF-8 byte is percent-encoded. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
