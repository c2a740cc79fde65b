import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { createPostgresBackend, createRedisBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireResolved } from '../config/resolved';
import { CrashPoints } from './crash-points';
import { JobOutbox } from './job-outbox.service';
import { PlatformMail } from './platform-mail.service';
import { ACTIVE_QUEUES } from './queue-names';
import { QueueService } from './queue.service';

/**
 * BullMQ through @nestjs/bullmq. Redis when REDIS_URL is set; otherwise BullMQ's PostgreSQL backend
 * on the application database (schema `bullmq`, migrated at boot with ours).
 */
export function queueConnection(config: AppConfig): Record<string, unknown> {
  if (config.queue.redisUrl !== null) {
    setDefaultBackendFactory(createRedisBackend);
    const url = new URL(config.queue.redisUrl);
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      db: Number(url.pathname.replace('/', '') || 0),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      maxRetriesPerRequest: null,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  // Small pools: each queue and worker owns one, plus a dedicated LISTEN connection per worker.
  return { connectionString: requireResolved(config.database.url, 'DATABASE_URL'), max: 2 };
}

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: queueConnection(config), prefix: config.queue.prefix }),
    }),
    BullModule.registerQueue(...ACTIVE_QUEUES.map((name) => ({ name }))),
  ],
  providers: [QueueService, JobOutbox, CrashPoints, PlatformMail],
  exports: [QueueService, JobOutbox, CrashPoints, PlatformMail, BullModule],
})
export class QueueModule {}
