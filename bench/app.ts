import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@app/core';
import { ADMIN_URL_ENV, prepareTemplate, startTestApp, TEMPLATE_DB_ENV, TestApp } from '@app/testing';

/**
 * Runs a benchmark against the real application on a fresh migrated database: `DATABASE_URL`'s
 * server, or an embedded cluster with fsync on, as production PostgreSQL runs. Exits non-zero on error.
 */
export function runBench(env: Record<string, string>, body: (t: TestApp) => Promise<void>): void {
  const run = async () => {
    const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'channelkit-bench-pg'), port: 54398, durable: true });
    const adminUrl = process.env.DATABASE_URL ?? pg!.url('postgres');
    process.env[ADMIN_URL_ENV] = adminUrl;
    process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);
    const t = await startTestApp({ env });
    try {
      await body(t);
    } finally {
      await t.close();
      await pg?.stop();
    }
  };
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
