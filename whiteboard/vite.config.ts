import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `vite dev` forwards the API (a collab-server started with `npm start`); the
 * WebSocket connects to it directly (see src/main.tsx). */
const COLLAB_SERVER = process.env.COLLAB_SERVER_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // KaTeX fonts and the recognizer model are inlined or split; the biggest chunk is the app.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': COLLAB_SERVER,
      '/healthz': COLLAB_SERVER,
    },
  },
});
