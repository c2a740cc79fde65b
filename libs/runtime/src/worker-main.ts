import { launch } from '@app/api';

/** The worker alone: processors and sweeps, no HTTP server. `node dist/apps/worker/src/main.js` */
void launch({ ...process.env, APP_ROLE: 'worker' });
