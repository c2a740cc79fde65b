import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal is a static single-page app that the api serves at `/` (apps/api/src/pages/portal.route.ts).
// `npm run portal:dev` serves it with hot reload and forwards the API to a running `npm start`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Stay under the CSP: no inline scripts, and styles in their own file.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/l', '/p', '/media', '/health'].map((prefix) => [prefix, { target: 'http://127.0.0.1:3000', changeOrigin: false }])),
  },
});
