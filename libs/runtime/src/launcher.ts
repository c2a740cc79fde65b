import { ConsoleLogger, INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  assertPortFree,
  ConfigError,
  EmbeddedStack,
  loadConfig,
  PortInUseError,
  portError,
  runMigrations,
  startEmbeddedStack,
  StorageService,
} from '@app/core';
import { DEMO_PASSWORD, DEMO_USERS, DemoSeedService } from '@app/demo';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { createHttpApp } from './http-app';
import { resolveLogFormat } from './log-format';
import { shutDown } from './shutdown';

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
 * `api` or `worker` runs one, `deps` runs only the embedded parts. For each unset URL the embedded
 * part another live process runs on this DATA_DIR is used, or one is started; migrations run under
 * an advisory lock; the demo program is seeded on first run; SIGINT/SIGTERM stop everything in order.
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
  let stack: EmbeddedStack;
  try {
    // The HTTP port first: a taken port then costs nothing to undo.
    if (config.role === 'all' || config.role === 'api') await assertPortFree(config.port, 'PORT', config.host);
    stack = await startEmbeddedStack(config, (line) => {
      logger.warn(line, 'Embedded');
    });
  } catch (error) {
    // What an operator can act on, in one line: no stack trace (the parts started so far are stopped).
    process.stderr.write(`ChannelKit cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
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
    if (config.role === 'deps') {
      // Nothing else to run: the embedded parts serve the api and worker processes until a signal.
    } else if (config.role === 'worker') {
      app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger });
      await app.init();
    } else {
      const http = await createHttpApp(config, { logger, requestLog: true });
      app = http;
      await http.get(StorageService).ensureBucket();
      await http.listen({ port: config.port, host: config.host }).catch((error: unknown) => Promise.reject(portError(error, config.port, 'PORT')));
      server = http.getHttpServer();
      if (config.seedDemo) await http.get(DemoSeedService).seedOnce();
    }
  } catch (error) {
    if (error instanceof PortInUseError) process.stderr.write(`ChannelKit cannot start: ${error.message}\n`);
    else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'Launcher');
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
    ...(config.role === 'worker' || config.role === 'deps'
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
    ...(config.role === 'deps' ? depsLines(config) : []),
    ...(config.seedDemo && config.role !== 'worker' && config.role !== 'deps'
      ? ['', `Demo logins (password "${DEMO_PASSWORD}"):`, ...DEMO_USERS.map((u) => `  ${u.role.padEnd(16)} ${u.email}`)]
      : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/**
 * What `npm run start:deps` adds: how the api and worker reach these parts. On this DATA_DIR they
 * find them by themselves; a process elsewhere sets the variables.
 */
function depsLines(config: AppConfig): string[] {
  return [
    '',
    'npm run start:api and npm run start:worker on this DATA_DIR use these parts by themselves.',
    'Elsewhere, set (a process with these set does not keep PostgreSQL up when this one stops):',
    `  DATABASE_URL=${config.database.url ?? ''}`,
    `  S3_ENDPOINT=${config.storage.endpoint ?? ''}`,
    `  S3_ACCESS_KEY_ID=${config.storage.accessKeyId}`,
    `  S3_SECRET_ACCESS_KEY=${config.storage.secretAccessKey}`,
    `  SMTP_URL=${config.mail.smtpUrl ?? ''}`,
  ];
}
