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
import { createHttpApp } from './http-app';
import { resolveLogFormat } from './log-format';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

function createLogger(config: AppConfig): LoggerService {
  const format = resolveLogFormat(config);
  return new ConsoleLogger({ json: format === 'json', logLevels: LEVELS[config.logLevel], colors: format === 'text' && process.stdout.isTTY === true });
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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping ChannelKit…\n`);
    try {
      await app?.close();
    } finally {
      await stack.stop();
    }
    process.stdout.write('Stopped.\n');
    process.exit(0);
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
