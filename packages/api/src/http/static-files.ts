import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../env';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Vite names built assets `name-<hash>.ext`; such a file never changes under its name. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

async function fileAt(path: string): Promise<Buffer | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    ) {
      return null;
    }
    throw error;
  }
}

/**
 * A path the server never reads: a NUL byte (the file system would refuse it with an error),
 * or a segment starting with a dot (`.env`, `.git/…`, and `..` however it was encoded).
 */
function forbiddenPath(decoded: string): boolean {
  return decoded.includes('\0') || decoded.split(/[/\\]/).some((part) => part.startsWith('.'));
}

/**
 * Serves the built web app. A path outside the root (`..`) and dotfiles are never read; they
 * answer the JSON 404 rather than the app, so a probe learns nothing. Unknown paths get
 * `index.html` so client-side routes survive a reload; `/api/…` paths never do, so an unknown
 * API route stays a JSON 404 instead of an HTML page. Unknown extensions are sent as
 * `application/octet-stream`, which with `nosniff` a browser will not render.
 */
export function staticFiles(webRoot: string): MiddlewareHandler<ApiEnv> {
  const root = resolve(webRoot);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (forbiddenPath(relative)) return next();
    const candidate = resolve(join(root, relative));
    const inside = candidate === root || candidate.startsWith(root + sep);
    const body = inside && candidate !== root ? await fileAt(candidate) : null;
    if (body) {
      const type = CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream';
      const cache = HASHED.test(candidate) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': cache });
    }
    const index = await fileAt(join(root, 'index.html'));
    if (!index) return next();
    return c.body(new Uint8Array(index), 200, {
      'content-type': CONTENT_TYPES['.html'] ?? 'text/html',
      'cache-control': 'no-cache',
    });
  };
}
