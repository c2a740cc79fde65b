'use strict';
// One global context per Jest worker: third-party modules loaded by one test file are reused by the
// next file in the same worker (see shared-modules-runtime.js), so both must see the same globals.
const { TestEnvironment } = require('jest-environment-node');

/** @type {{ context: object, global: object, moduleMocker: object, fakeTimers: object, fakeTimersModern: object } | undefined} */
let shared;

class SharedContextEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    if (!shared) {
      shared = { context: this.context, global: this.global, moduleMocker: this.moduleMocker, fakeTimers: this.fakeTimers, fakeTimersModern: this.fakeTimersModern };
      return;
    }
    // Fake timers are per file: reset what a previous file may have left.
    shared.fakeTimers.useRealTimers();
    shared.fakeTimersModern.useRealTimers();
    Object.assign(this, shared);
  }

  async teardown() {
    // The context outlives the file: the next file of this worker runs in it.
    this.fakeTimers?.useRealTimers();
    this.fakeTimersModern?.useRealTimers();
  }
}

module.exports = SharedContextEnvironment;
module.exports.TestEnvironment = SharedContextEnvironment;
