import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresHandle, isProcessAlive, startEmbeddedPostgres, stopLeftoverPostmaster } from '@app/core';
import { freePort } from './free-port';
import { ADMIN_URL_ENV, prepareTemplate, TEMPLATE_DB_ENV } from './test-database';

declare global {
  var __channelkitTestPostgres: EmbeddedPostgresHandle | undefined;
}

/** Test clusters live here, one per run (`run-<pid>`), so concurrent runs never share one. */
export const TEST_CLUSTERS_DIR = path.join(os.tmpdir(), 'channelkit-test-pg');


/** Clusters of earlier runs that died without their teardown. */
async function removeDeadRuns(): Promise<void> {
  if (!fs.existsSync(TEST_CLUSTERS_DIR)) return;
  for (const entry of fs.readdirSync(TEST_CLUSTERS_DIR)) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid || isProcessAlive(pid)) continue;
    const dir = path.join(TEST_CLUSTERS_DIR, entry);
    await stopLeftoverPostmaster(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.log`, { force: true });
    fs.rmSync(`${dir}.run`, { recursive: true, force: true });
  }
}

/**
 * Once per `npm test`: the PostgreSQL server (DATABASE_URL's, or an embedded cluster of this run)
 * and the migrated template that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    await removeDeadRuns();
    fs.mkdirSync(TEST_CLUSTERS_DIR, { recursive: true });
    const pg = await startEmbeddedPostgres({ dataDir: path.join(TEST_CLUSTERS_DIR, `run-${process.pid}`), port: await freePort() });
    globalThis.__channelkitTestPostgres = pg;
    adminUrl = pg.url('postgres');
  }
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);
}
