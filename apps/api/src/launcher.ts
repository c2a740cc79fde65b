import { ConsoleLogger, INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  ConfigError,
  EmbeddedStack,
  loadConfig,
  runMigrations,
  startEmbeddedStack,
  StorageService,
} from '@app/core';
import { DEMO_PASSWORD, DEMO_USERS, DemoSeedService } from '@app/demo';
import { WorkerRootModule } from '@app/worker';
import type { Server } from 'node:http';
import { createHttpApp } from './http-app';
import { shutDown } from './shutdown';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

function createLogger(config: AppConfig): LoggerService {
  return new ConsoleLogger({ json: config.logFormat === 'json', logLevels: LEVELS[config.logLevel], colors: config.logFormat === 'text' });
}

/**
 * The one entry point: `APP_ROLE=all` (default) runs the api and the worker in this process,
 * `api` or `worker` runs one. Embedded parts start for each unset URL; migrations run under an
 * advisory lock; the demo program is seeded on first run; SIGINT/SIGTERM stop everything in order.
 */
export async function launch(env: Record<string, string | undefined>): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ChannelKit cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const stack: EmbeddedStack = await startEmbeddedStack(config, (line) => {
    logger.warn(line, 'Embedded');
  });
  config = stack.config;

  let app: INestApplicationContext | undefined;
  let server: Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping ChannelKit…\n`);
    // HTTP first, then clicks and running jobs, then pools and embedded parts; bounded by SHUTDOWN_TIMEOUT_MS.
    const code = await shutDown({ app, server, stopEmbedded: () => stack.stop(), timeoutMs: config.shutdownTimeoutMs, logger });
    process.stdout.write(code === 0 ? 'Stopped.\n' : 'Stopped, with work abandoned (see the log above).\n');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await runMigrations(config.database.url!, { queueSchema: config.queue.redisUrl === null });
    if (config.role === 'worker') {
      app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config), { logger });
      await app.init();
    } else {
      const http = await createHttpApp(config, { logger, requestLog: true });
      app = http;
      await http.get(StorageService).ensureBucket();
      await http.listen({ port: config.port, host: config.host });
      server = http.getHttpServer();
      if (config.seedDemo) await http.get(DemoSeedService).seedOnce();
    }
  } catch (error) {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'Launcher');
    await app?.close().catch(() => undefined);
    await stack.stop();
    process.exit(1);
  }
  printBanner(config, stack);
}

function printBanner(config: AppConfig, stack: EmbeddedStack): void {
  const lines = [
    '',
    `ChannelKit is running (${config.role}).`,
    ...(config.role === 'worker'
      ? []
      : [
          `  Portal         ${config.publicUrl}/`,
          `  API            ${config.publicUrl}/api/v1`,
          `  API docs       ${config.publicUrl}/api/docs`,
          `  Health         ${config.publicUrl}/health`,
        ]),
    ...(stack.started.inbox ? [`  Mail inbox     ${stack.started.inbox}  (every email the platform sends lands here)`] : []),
    ...(stack.started.postgres ? [`  PostgreSQL     embedded, ${stack.started.postgres}`] : []),
    ...(stack.started.s3 ? [`  S3 storage     embedded, ${stack.started.s3}`] : []),
    `  Queue          ${config.queue.redisUrl ? 'Redis' : 'BullMQ on PostgreSQL'}`,
    ...(config.seedDemo && config.role !== 'worker'
      ? ['', `Demo logins (password "${DEMO_PASSWORD}"):`, ...DEMO_USERS.map((u) => `  ${u.role.padEnd(16)} ${u.email}`)]
      : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
