import { launch } from './launcher';

/** The api (and, with APP_ROLE=all, the worker) from compiled code: `node dist/apps/api/src/main.js`. */
void launch(process.env);
