import { z } from 'zod';

/**
 * The page runs under `default-src 'self'`, which forbids eval. zod probes `new Function`
 * when an object schema is built unless told not to, and the browser reports that probe as a
 * CSP violation. Imported first by `main.tsx`, before any module that builds a schema;
 * parsing results are the same without the JIT.
 */
z.config({ jitless: true });
