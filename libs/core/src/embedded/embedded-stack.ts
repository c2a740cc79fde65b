import path from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startEmbeddedS3 } from './embedded-s3';
import { MailCatcher } from './mail-catcher';

export interface EmbeddedStack {
  /** The configuration with every embedded part's URL filled in. */
  config: AppConfig;
  /** What runs embedded, for the start banner. */
  started: { postgres?: string; s3?: string; smtp?: string; inbox?: string };
  stop: () => Promise<void>;
}

/**
 * Starts an embedded part for each of DATABASE_URL, S3_ENDPOINT and SMTP_URL that is not set.
 * (The queue needs nothing of its own: without REDIS_URL it lives in PostgreSQL.)
 */
export async function startEmbeddedStack(config: AppConfig, log: (line: string) => void): Promise<EmbeddedStack> {
  const stops: (() => Promise<void>)[] = [];
  const started: EmbeddedStack['started'] = {};
  const resolved: AppConfig = structuredClone(config);
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error: unknown) => log(`stopping: ${String(error)}`));
    stops.length = 0;
  };
  try {
    if (config.database.url === null) {
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'pg'),
        port: config.database.embeddedPort,
      });
      stops.push(pg.stop);
      await ensureDatabase(pg.url('postgres'), 'channelkit');
      resolved.database.url = pg.url('channelkit');
      started.postgres = `${pg.url('channelkit').replace(/:[^:@/]+@/, ':***@')} (data in ${pg.dataDir})`;
    }
    if (config.storage.endpoint === null) {
      const s3 = await startEmbeddedS3({
        directory: path.join(config.dataDir, 's3'),
        port: config.storage.embeddedPort,
        bucket: config.storage.bucket,
      });
      stops.push(s3.stop);
      resolved.storage.endpoint = s3.endpoint;
      started.s3 = s3.endpoint;
    }
    if (config.mail.smtpUrl === null) {
      const catcher = new MailCatcher();
      await catcher.start({ smtpPort: config.mail.embeddedPort, webPort: config.mail.inboxPort });
      stops.push(() => catcher.stop());
      resolved.mail.smtpUrl = catcher.smtpUrl;
      started.smtp = catcher.smtpUrl;
      started.inbox = catcher.inboxUrl;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { config: resolved, started, stop };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
