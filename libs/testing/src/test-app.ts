import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ACTIVE_QUEUES, AppConfig, Clock, loadConfig, MailCatcher, QueueService, startEmbeddedS3, StorageService } from '@app/core';
import { AppModule, configureHttpApp, createFastifyAdapter } from '@app/runtime';
import { FakeClock } from './fake-clock';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => request.Agent;
  /** The SMTP sink every email of this app goes to. */
  mail: MailCatcher;
  clock: FakeClock;
  config: AppConfig;
  db: DataSource;
  get<T>(token: abstract new (...args: never[]) => T): T;
  close: () => Promise<void>;
}

/**
 * The real application (api + worker in one process) on its own fresh database, a real queue
 * (BullMQ on that database, or on REDIS_URL under its own prefix), an in-process S3 server and an
 * SMTP sink. Only the clock is fake.
 */
export async function startTestApp(options: { env?: Record<string, string>; clock?: FakeClock } = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const mail = new MailCatcher();
  await mail.start({ smtpPort: 0 });
  const run = randomBytes(4).toString('hex');
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-test-s3-'));
  const s3 = process.env.S3_ENDPOINT ? null : await startEmbeddedS3({ directory: s3Dir, port: 0, bucket: `ck-test-${run}` });

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    PORT: '0',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `ck-test-${run}`,
    SMTP_URL: mail.smtpUrl,
    S3_ENDPOINT: s3?.endpoint ?? process.env.S3_ENDPOINT,
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID ?? 'S3RVER',
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY ?? 'S3RVER',
    S3_BUCKET: `ck-test-${run}`,
    ...options.env,
  });
  const clock = options.clock ?? new FakeClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config, { requestLog: false }), { logger: ['error'] });
  await configureHttpApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await app.get(StorageService).ensureBucket();

  return {
    app,
    http: () => request(app.getHttpServer()),
    mail,
    clock,
    config,
    db: app.get(DataSource),
    get: (token) => app.get(token),
    close: async () => {
      if (config.queue.redisUrl) {
        // Redis outlives the test: remove this app's queues (on PostgreSQL they go with the database).
        const queues = app.get(QueueService);
        for (const name of ACTIVE_QUEUES) await queues.queue(name).obliterate({ force: true });
      }
      await app.close();
      await mail.stop();
      await s3?.stop();
      fs.rmSync(s3Dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

/**
 * Another instance of the application on the same database, queue, storage and SMTP sink, with the
 * same clock: what a restart or a second replica sees. `config` changes it (e.g. `{ role: 'all' }`).
 * Not listening; close it when done.
 */
export async function startAnotherInstance(t: TestApp, config: Partial<AppConfig> = {}): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ ...t.config, ...config })] })
    .overrideProvider(Clock)
    .useValue(t.clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(t.config, { requestLog: false }), { logger: ['error'] });
  await app.init();
  return app;
}
