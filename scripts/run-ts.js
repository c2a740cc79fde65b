'use strict';
// Runs a TypeScript file (benchmarks, one-off tools) with swc and the @app/* aliases, like the tests.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions;

const compile = Module._extensions['.js'];
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    ...swcrc,
    swcrc: false,
    filename,
    sourceMaps: 'inline',
    jsc: { ...swcrc.jsc, baseUrl: root, paths },
  });
  module._compile(code, filename);
};
void compile;

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts>');
  process.exit(2);
}
require(path.resolve(entry));
