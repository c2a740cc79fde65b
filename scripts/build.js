'use strict';
// Compiles apps/ and libs/ to dist/ with swc (type-checking is `npm run typecheck`'s job).
// Path aliases (@app/*) are rewritten to relative requires so plain `node` can run the output.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

function sources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
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
    fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) fs.writeFileSync(`${target}.map`, map);
  }
  return { files: files.length, ms: Date.now() - started };
}

module.exports = { build, outDir };

if (require.main === module) {
  const { files, ms } = build();
  console.log(`built ${files} files in ${ms} ms`);
}
