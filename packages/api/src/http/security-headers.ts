import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers for every response. The web app is served from this origin only, so `'self'` is
 * enough; `frame-ancestors 'none'` forbids framing (clickjacking on action buttons).
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginEmbedderPolicy: false,
    // A route that sets its own (a download's `sandbox` CSP) keeps it.
    overwrite: false,
  });
}
