/**
 * A name from a bucket as it may be shown on a terminal: control characters (which could move
 * the cursor, recolour or retitle the terminal) are escaped as `\xNN` / `\u{…}`. JSON output
 * needs none of this; JSON.stringify escapes them itself.
 */
export function printable(name: string): string {
  return name.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.codePointAt(0) ?? 0;
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u{${code.toString(16)}}`;
    },
  );
}
