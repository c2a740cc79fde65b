'use strict';
// Jest evaluates every module again for each test file. For the application that is wanted (each
// file gets its own instances), but re-evaluating @nestjs, typeorm, the AWS SDK, mjml… costs
// seconds per file. This runtime keeps third-party modules (node_modules) for the lifetime of the
// worker; the project's own code is still loaded fresh per file. It needs the shared context of
// shared-context.js, so that those modules and the test files agree on Array, Error, Date, Promise.
const Runtime = require('jest-runtime').default;

const NODE_MODULES = /[\\/]node_modules[\\/]/;
// Jest's own packages hold per-file state (expect, the jest object, mocks).
const PER_FILE = /[\\/]node_modules[\\/](@jest|jest-[^\\/]+|expect|pretty-format)[\\/]/;
const isShared = (modulePath) => typeof modulePath === 'string' && NODE_MODULES.test(modulePath) && !PER_FILE.test(modulePath);

/** node_modules path → module, for every test file this worker runs. */
const sharedModules = new Map();

/** A file's module registry whose third-party entries live in the worker-wide map. */
class SharedRegistry extends Map {
  get(key) {
    return isShared(key) ? sharedModules.get(key) : super.get(key);
  }
  set(key, value) {
    if (isShared(key)) sharedModules.set(key, value);
    else super.set(key, value);
    return this;
  }
  has(key) {
    return isShared(key) ? sharedModules.has(key) : super.has(key);
  }
  delete(key) {
    return isShared(key) ? sharedModules.delete(key) : super.delete(key);
  }
}

class SharedModulesRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    this.registries.moduleRegistry = new SharedRegistry();
  }

  teardown() {
    super.teardown();
    // A shared module may still require lazily (a driver, a codec) through the runtime of the file
    // that first loaded it: that runtime has to keep answering.
    this.testState.leaveTestCode();
  }
}

module.exports = SharedModulesRuntime;
module.exports.default = SharedModulesRuntime;
