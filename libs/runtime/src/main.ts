import { launch } from './launcher';

/** The process for APP_ROLE (default `all`: the api and the worker) from compiled code: `node dist/libs/runtime/src/main.js`. */
void launch(process.env);
