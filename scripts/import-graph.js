'use strict';
// `node scripts/import-graph.js`: which app or lib imports which, read from the sources (every
// `@app/<name>` import, specs included), listed by layer from the top down; exits 1 on a cycle.
// `--check` (part of `npm run lint`) also fails when ARCHITECTURE.md's copy, between the
// import-graph markers, differs from it.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions;

// @app/<name> → its directory (apps/api, libs/core, …), from the aliases.
const packages = new Map();
for (const [alias, [target]] of Object.entries(paths)) {
  if (!alias.includes('*')) packages.set(alias.slice('@app/'.length), target.replace(/\/src$/, ''));
}

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:from|import|require)\s*\(?\s*'@app\/([\w-]+)[^']*'/g;
const edges = new Map();
for (const [name, dir] of packages) {
  const deps = new Set();
  for (const file of sources(path.join(root, dir, 'src'))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (match[1] !== name && packages.has(match[1])) deps.add(match[1]);
    }
  }
  edges.set(name, [...deps].sort());
}

// Layer 0 imports nothing; every other package sits one above the highest it imports.
const layer = new Map();
const visiting = new Set();
function layerOf(name, trail) {
  if (layer.has(name)) return layer.get(name);
  if (visiting.has(name)) {
    console.error(`import cycle: ${[...trail, name].join(' → ')}`);
    process.exit(1);
  }
  visiting.add(name);
  const value = Math.max(-1, ...edges.get(name).map((dep) => layerOf(dep, [...trail, name]))) + 1;
  visiting.delete(name);
  layer.set(name, value);
  return value;
}
for (const name of packages.keys()) layerOf(name, []);

const width = Math.max(...[...packages.values()].map((dir) => dir.length));
const lines = [...packages.keys()]
  .sort((a, b) => layer.get(b) - layer.get(a) || a.localeCompare(b))
  .map((name) => {
    const deps = edges.get(name);
    return `${packages.get(name).padEnd(width)}  → ${deps.length > 0 ? deps.join(', ') : '(nothing)'}`;
  });

if (process.argv.includes('--check')) {
  const doc = fs.readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
  const block = /<!-- import-graph -->\n```text\n([\s\S]*?)```\n<!-- \/import-graph -->/.exec(doc);
  if (!block || block[1] !== `${lines.join('\n')}\n`) {
    console.error('ARCHITECTURE.md: the import graph between the import-graph markers is out of date; put this there (and check the layers drawn above it):\n');
    console.error(lines.join('\n'));
    process.exit(1);
  }
} else {
  console.log(lines.join('\n'));
}
