'use strict';
// `npm start`: compile (swc, about a second), build the portal if it changed, and run the launcher.
// `--role=api|worker` runs one part, `--role=deps` only the embedded parts (neither the worker nor
// deps serves the portal, so they skip that build).
const path = require('node:path');
const { build, buildPortal } = require('./build');

const role = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
build();
if (role !== 'worker' && role !== 'deps') buildPortal();
const { launch } = require(path.join(__dirname, '..', 'dist', 'libs', 'runtime', 'src', 'launcher.js'));
launch(role ? { ...process.env, APP_ROLE: role } : process.env).catch((error) => {
  console.error(error);
  process.exit(1);
});
