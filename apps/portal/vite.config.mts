import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a Brotli and a gzip copy beside every script and style sheet of the build, so the api sends
 * them compressed without compressing per request (apps/api/src/pages/portal.route.ts).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'channelkit-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      if (!fs.existsSync(assets)) return;
      for (const name of fs.readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(assets, name);
        const data = fs.readFileSync(file);
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

// The portal is a static single-page app that the api serves at `/` (apps/api/src/pages/portal.route.ts).
// `npm run portal:dev` serves it with hot reload and forwards the API to a running `npm start`.
export default defineConfig({
  plugins: [react(), precompress()],
  // The API's permissions table, shared as is (it imports only the role list): the same alias as the api's.
  resolve: { alias: { '@app/core/auth/permissions': fileURLToPath(new URL('../../libs/core/src/auth/permissions.ts', import.meta.url)) } },
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
