'use strict';
// `npm run db:migrate`, `db:revert`, `db:migration:generate -- Name`: compile, then run the command.
const path = require('node:path');
const { build } = require('./build');

build();
const { dbCli } = require(path.join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'db-cli.js'));
const [command, ...args] = process.argv.slice(2);
dbCli(command, args, process.env).then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
