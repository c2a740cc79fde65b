'use strict';
// Compiles apps/ and libs/ to dist/ with swc (type-checking is `npm run typecheck`'s job).
// Path aliases (@app/*) are rewritten to relative requires so plain `node` can run the output.
// Also builds the web portal (apps/portal → apps/portal/dist, with Vite) when it is missing or stale.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist');
const portalDir = path.join(root, 'apps', 'portal');
const portalIndex = path.join(portalDir, 'dist', 'index.html');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

function sources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== portalDir) found.push(...sources(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

/** A process running dist/ while another rebuilds it (two test workers) reads the old file or the new one, never half of one. */
function writeAtomically(target, content) {
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, target);
}

function build() {
  const started = Date.now();
  const files = ['apps', 'libs'].flatMap((d) => sources(path.join(root, d)));
  for (const file of files) {
    const { code, map } = swc.transformFileSync(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceMaps: true,
      jsc: { ...swcrc.jsc, baseUrl: root, paths: tsconfig.compilerOptions.paths },
    });
    const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeAtomically(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) writeAtomically(`${target}.map`, map);
  }
  return { files: files.length, ms: Date.now() - started };
}

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** True when apps/portal/dist is missing or older than any of the portal's sources. */
function portalIsStale() {
  if (!fs.existsSync(portalIndex)) return true;
  const built = fs.statSync(portalIndex).mtimeMs;
  const inputs = ['index.html', 'vite.config.mts', 'tsconfig.json', 'public', 'src'].map((p) => path.join(portalDir, p)).filter((p) => fs.existsSync(p));
  return inputs.some((p) => newestMtime(p) > built);
}

/**
 * `vite build` of the portal, only when it is stale (`force` always). Vite is a dev dependency: where
 * it is not installed (a pruned production image), an existing build is served as it is.
 */
function buildPortal({ force = false } = {}) {
  if (!force && !portalIsStale()) return { built: false };
  let vite;
  try {
    vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin', 'vite.js');
  } catch {
    console.warn('The portal is not built and Vite is not installed: run `npm install`, then `npm run portal:build`.');
    return { built: false };
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: portalDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the portal build failed (exit code ${result.status ?? result.signal})`);
  return { built: true, ms: Date.now() - started };
}

module.exports = { build, buildPortal, outDir };

if (require.main === module) {
  const { files, ms } = build();
  console.log(`built ${files} files in ${ms} ms`);
  const portal = buildPortal();
  if (portal.built) console.log(`built the portal in ${portal.ms} ms`);
}
