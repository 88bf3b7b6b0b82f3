import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build:web` writes the app; the server serves static files from here and
 * answers unknown paths with its `index.html`.
 */
export const webDistDir: string = fileURLToPath(new URL('../dist', import.meta.url));
