import { createHash, randomBytes } from 'node:crypto';
import { LATEST_SCHEMA_VERSION } from 'bullmq';
import { Client } from 'pg';
import { MIGRATIONS, runMigrations } from '@app/core';

/** Set by the global setup for every test worker. */
export const ADMIN_URL_ENV = 'CK_TEST_ADMIN_URL';
export const TEMPLATE_DB_ENV = 'CK_TEST_TEMPLATE_DB';

const TEMPLATE_LOCK = 7_314_202_612;

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated template database, named by a hash of the migration list, built once per server and
 * reused until the migrations change. Test files clone it (`CREATE DATABASE … TEMPLATE`), which
 * takes a fraction of a second instead of migrating each time.
 */
export async function prepareTemplate(adminUrl: string): Promise<string> {
  const hash = createHash('sha256')
    // Names and code: a migration edited before it ships must not reuse a template built from the old one.
    .update(JSON.stringify([MIGRATIONS.map((m) => [m.name, m.prototype.up.toString()]), LATEST_SCHEMA_VERSION]))
    .digest('hex')
    .slice(0, 12);
  const template = `ck_tpl_${hash}`;
  await withClient(adminUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rows } = await admin.query<{ datname: string; comment: string | null }>(
        "SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname LIKE 'ck\\_%'",
      );
      const names = rows.map((r) => r.datname);
      // Leftovers: test databases of killed runs, half-built templates, and templates of other
      // migration sets that no run has used for an hour (another checkout may be using one now).
      const staleBefore = Date.now() - 3_600_000;
      for (const { datname: name, comment } of rows) {
        const testStamp = /^ck_test_(\d+)_/.exec(name)?.[1];
        const lastUsed = Number(/used (\d+)/.exec(comment ?? '')?.[1] ?? 0);
        const stale =
          (name.startsWith('ck_tpl_') && name !== template && lastUsed < staleBefore) ||
          name.startsWith('ck_build_') ||
          (testStamp !== undefined && Number(testStamp) < staleBefore);
        if (stale) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
      }
      const markUsed = () => admin.query(`COMMENT ON DATABASE ${admin.escapeIdentifier(template)} IS 'channelkit test template, used ${Date.now()}'`);
      if (names.includes(template)) {
        await markUsed();
        return;
      }
      const building = `ck_build_${hash}`;
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(building)}`);
      await runMigrations(withDatabase(adminUrl, building), { queueSchema: true });
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(building)} RENAME TO ${admin.escapeIdentifier(template)}`);
      await markUsed();
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_DB_ENV];
  if (!adminUrl || !template) throw new Error('test database setup did not run (jest globalSetup)');
  const name = `ck_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`);
        return;
      } catch (error) {
        // Another clone of the same template in progress holds it briefly ("being accessed by other users").
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => withClient(adminUrl, async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`))),
  };
}
