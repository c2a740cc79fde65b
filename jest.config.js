'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(fs.readFileSync(path.join(__dirname, 'tsconfig.json'), 'utf8')).compilerOptions;

// @app/x and @app/x/* → the lib's source, as in tsconfig.json.
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [
    `^${alias.replace('/*', '/(.*)')}$`,
    `<rootDir>/${target.replace('/*', '/$1')}`,
  ]),
);

// Path aliases are rewritten by swc (as in scripts/build.js), which also covers the global setup.
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, baseUrl: __dirname, paths } }] };

const shared = {
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

// Third-party modules are loaded once per worker, not once per file (libs/testing/jest).
const sharedModules = {
  testEnvironment: '<rootDir>/libs/testing/jest/shared-context.js',
  runtime: '<rootDir>/libs/testing/jest/shared-modules-runtime.js',
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  transform,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60_000,
  // End-to-end files mostly wait on PostgreSQL: two workers pay even on two cores (Jest's default is cores − 1).
  maxWorkers: Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) - 1),
  projects: [
    { ...shared, ...sharedModules, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...shared, ...sharedModules, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Real Chromium against the built portal: `npm run test:browser` (not part of `npm test`, which needs only Node).
    { ...shared, displayName: 'browser', rootDir: __dirname, testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
