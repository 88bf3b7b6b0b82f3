import { gcsErrors } from './gcs-error';

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Splits a `multipart/related` body (a JSON metadata part, then the media part) as sent to
 * `uploadType=multipart`. Works on bytes: the media part is binary and may contain anything
 * but the boundary line.
 */
export function parseMultipartRelated(contentType: string, body: Buffer): Part[] {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!/^multipart\/related/i.test(contentType) || !match?.[1])
    throw gcsErrors.invalid('Expected a multipart/related body with a boundary.');
  const delimiter = Buffer.from(`--${match[1]}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    if (body.subarray(partStart, partStart + 2).toString() === '\r\n') partStart += 2;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) throw gcsErrors.invalid('The multipart body is not terminated.');
    let partEnd = next;
    if (body.subarray(partEnd - 2, partEnd).toString() === '\r\n') partEnd -= 2;
    const part = body.subarray(partStart, partEnd);
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) throw gcsErrors.invalid('A multipart part has no header block.');
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, split).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: part.subarray(split + 4) });
    start = next;
  }
  return parts;
}
