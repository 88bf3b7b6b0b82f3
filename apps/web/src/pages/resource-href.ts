/**
 * The app path of a resource. The uid contains `/` and percent-escapes of its own, so it is
 * encoded once more to travel as a single path segment; `uidFromPath` undoes exactly that.
 */
export function resourceHref(uid: string): string {
  return `/resources/${encodeURIComponent(uid)}`;
}

/** Reads the uid from the raw (still encoded) pathname, independent of router decoding. */
export function uidFromPath(pathname: string): string | null {
  const match = /^\/resources\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null; // a malformed escape is a bad link; the page shows "not found" for null
  }
}
