import { launch } from './launcher';

/** The worker alone: processors and sweeps, no HTTP server. `node dist/libs/runtime/src/worker-main.js` */
void launch({ ...process.env, APP_ROLE: 'worker' });
