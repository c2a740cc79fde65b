'use strict';
// `npm start`: compile (swc, about a second) and run the launcher. `--role=api|worker` runs one part.
const path = require('node:path');
const { build } = require('./build');

const role = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
build();
const { launch } = require(path.join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'launcher.js'));
launch(role ? { ...process.env, APP_ROLE: role } : process.env).catch((error) => {
  console.error(error);
  process.exit(1);
});
