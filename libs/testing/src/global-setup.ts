import net from 'node:net';
import path from 'node:path';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '@app/core';
import { ADMIN_URL_ENV, prepareTemplate, TEMPLATE_DB_ENV } from './test-database';

declare global {
  var __channelkitTestPostgres: EmbeddedPostgresHandle | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Once per `npm test`: the PostgreSQL server (DATABASE_URL's, or an embedded one in .data/pg-test)
 * and the migrated template that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.resolve('.data', 'pg-test'), port: await freePort() });
    globalThis.__channelkitTestPostgres = pg;
    adminUrl = pg.url('postgres');
  }
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);
}
