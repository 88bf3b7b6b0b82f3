import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard is built into `dist/` and served by the server process from there. In
 * development the Vite server forwards the API to a server on the default port, so the
 * browser sees one origin in both cases (cookies and the CSRF header depend on that).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships explanatory comments next to its PURE annotations; Rollup drops them and
        // says so on every build. Nothing is lost, so only that notice about zod is hidden.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/'))
          return;
        warn(warning);
      },
      output: {
        // React and the router change far less often than the app: a chunk of their own stays
        // cached across releases.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router', '@tanstack/react-query'],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
});
