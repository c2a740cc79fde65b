import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startEmbeddedS3 } from './embedded-s3';
import { MailCatcher } from './mail-catcher';
import { assertPortFree, canReach, isLive, portError, ProcessRef, readJson, selfRef, withFileLock, writeJson } from './process-records';

export interface EmbeddedStack {
  /** The configuration with every embedded part's URL filled in. */
  config: AppConfig;
  /** What runs embedded, for the start banner (with "run by pid …" for a part another process runs). */
  started: { postgres?: string; s3?: string; smtp?: string; inbox?: string };
  stop: () => Promise<void>;
}

/** What `DATA_DIR/run/<part>.json` says: who serves an in-process part, and where. */
interface PartRecord {
  owner: ProcessRef;
  urls: Record<string, string>;
}

/**
 * Provides an embedded part for each of DATABASE_URL, S3_ENDPOINT and SMTP_URL that is not set.
 * (The queue needs nothing of its own: without REDIS_URL it lives in PostgreSQL.)
 *
 * Parts already run by another live process on the same DATA_DIR are used, not started again: a
 * separate api, worker and `deps` process share one set. The S3 server and the SMTP catcher live
 * inside the process that started them (recorded in `DATA_DIR/run/s3.json` and `smtp.json`) and
 * stop with it; PostgreSQL is a separate process, stopped by the last process that uses it (see
 * `startEmbeddedPostgres`). Deciding runs under a lock, so processes started together never both
 * start a part.
 */
export async function startEmbeddedStack(config: AppConfig, log: (line: string) => void): Promise<EmbeddedStack> {
  const stops: (() => Promise<void>)[] = [];
  const started: EmbeddedStack['started'] = {};
  const resolved: AppConfig = structuredClone(config);
  const runDir = path.join(config.dataDir, 'run');
  const me = selfRef(config.role);
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error: unknown) => log(`stopping: ${String(error)}`));
    stops.length = 0;
  };
  const runBy = (owner: ProcessRef | null) => (owner ? ` (run by pid ${owner.pid}${owner.role ? `, ${owner.role}` : ''})` : '');
  try {
    await withFileLock(path.join(runDir, 'lock'), async () => {
      if (config.database.url === null) {
        const pg = await startEmbeddedPostgres({
          dataDir: path.join(config.dataDir, 'pg'),
          port: config.database.embeddedPort,
          role: config.role,
          log,
        });
        stops.push(pg.stop);
        await ensureDatabase(pg.url('postgres'), 'channelkit');
        resolved.database.url = pg.url('channelkit');
        started.postgres = `${pg.url('channelkit').replace(/:[^:@/]+@/, ':***@')} (data in ${pg.dataDir})${runBy(pg.usedFrom?.[0] ?? null)}`;
      }
      if (config.storage.endpoint === null) {
        const s3 = await sharedPart(path.join(runDir, 's3.json'), me, stops, async () => {
          await assertPortFree(config.storage.embeddedPort, 'EMBEDDED_S3_PORT');
          const server = await startEmbeddedS3({
            directory: path.join(config.dataDir, 's3'),
            port: config.storage.embeddedPort,
            bucket: config.storage.bucket,
          }).catch((error: unknown) => Promise.reject(portError(error, config.storage.embeddedPort, 'EMBEDDED_S3_PORT')));
          return { urls: { endpoint: server.endpoint }, stop: server.stop };
        });
        resolved.storage.endpoint = s3.urls.endpoint!;
        started.s3 = `${s3.urls.endpoint}${runBy(s3.owner)}`;
      }
      if (config.mail.smtpUrl === null) {
        const smtp = await sharedPart(path.join(runDir, 'smtp.json'), me, stops, async () => {
          await assertPortFree(config.mail.embeddedPort, 'EMBEDDED_SMTP_PORT');
          await assertPortFree(config.mail.inboxPort, 'MAIL_INBOX_PORT');
          const catcher = new MailCatcher();
          try {
            await catcher.start({ smtpPort: config.mail.embeddedPort, webPort: config.mail.inboxPort });
          } catch (error) {
            await catcher.stop().catch(() => undefined);
            const port = (error as { port?: number }).port;
            throw port === config.mail.inboxPort ? portError(error, port, 'MAIL_INBOX_PORT') : portError(error, config.mail.embeddedPort, 'EMBEDDED_SMTP_PORT');
          }
          return { urls: { smtp: catcher.smtpUrl, inbox: catcher.inboxUrl }, stop: () => catcher.stop() };
        });
        resolved.mail.smtpUrl = smtp.urls.smtp!;
        started.smtp = smtp.urls.smtp;
        started.inbox = `${smtp.urls.inbox}${runBy(smtp.owner)}`;
      }
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { config: resolved, started, stop };
}

/**
 * The part recorded in `recordFile` when its owner is alive and every URL answers; else starts it
 * here, records this process as its owner, and queues its stop (which also drops the record).
 */
async function sharedPart(
  recordFile: string,
  me: ProcessRef,
  stops: (() => Promise<void>)[],
  start: () => Promise<{ urls: Record<string, string>; stop: () => Promise<void> }>,
): Promise<{ urls: Record<string, string>; owner: ProcessRef | null }> {
  const record = readJson<PartRecord>(recordFile);
  if (record && record.owner.pid !== me.pid && isLive(record.owner) && (await allReachable(record.urls))) {
    return { urls: record.urls, owner: record.owner };
  }
  const part = await start();
  stops.push(async () => {
    if (readJson<PartRecord>(recordFile)?.owner.pid === me.pid) fs.rmSync(recordFile, { force: true });
    await part.stop();
  });
  writeJson(recordFile, { owner: me, urls: part.urls } satisfies PartRecord);
  return { urls: part.urls, owner: null };
}

async function allReachable(urls: Record<string, string>): Promise<boolean> {
  for (const url of Object.values(urls)) {
    const { hostname, port } = new URL(url);
    if (!(await canReach(hostname, Number(port)))) return false;
  }
  return true;
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
