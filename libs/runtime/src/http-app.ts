import multipart from '@fastify/multipart';
import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyBaseLogger, LogController } from 'fastify';
import http from 'node:http';
import { AppConfig, assertTextInput, createValidationPipe, FastPaths, HttpExceptionFilter, requestIdOf } from '@app/core';
import { AppModule } from './app.module';
import { isPublicPath, resolveLogFormat, textLogStream } from './log-format';

declare module 'fastify' {
  interface FastifyInstance {
    /** Public GET routes node:http answers ahead of Fastify (the redirect, the open pixel). */
    fastPaths: FastPaths;
  }
  interface FastifyContextConfig {
    /** A public route on a hot path (the landing page) that checks its parameters itself. */
    hotPublicPath?: boolean;
  }
}

const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Fastify with request ids (a sane incoming X-Request-Id is kept), a bounded body size and socket deadlines. */
export function createFastifyAdapter(config: AppConfig, options: { requestLog: boolean }): FastifyAdapter {
  const timeouts = config.httpTimeouts;
  const fastPaths = new FastPaths(config.trustProxyHops);
  const adapter = new FastifyAdapter({
    // node:http with the fast paths in front of Fastify's handler, and the deadlines Fastify would set.
    serverFactory: (handler: http.RequestListener, opts: { http?: http.ServerOptions }) => {
      const server = http.createServer(opts.http ?? {}, (req, res) => {
        if (!fastPaths.handle(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = timeouts.keepAliveMs;
      server.requestTimeout = timeouts.requestMs;
      server.setTimeout(timeouts.idleSocketMs);
      return server;
    },
    logger: options.requestLog
      ? { level: config.logLevel, ...(resolveLogFormat(config) === 'text' ? { stream: textLogStream(process.stdout.isTTY === true) } : {}) }
      : false,
    // Public pages are logged per request at debug level only (errors always, through the error filter).
    logController: new LogController({ disableRequestLogging: config.logLevel === 'debug' ? false : (req: { url?: string }) => isPublicPath(req.url) }),
    // Nor a per-request child logger there (its bindings are serialised on every request); the error filter logs the request id.
    childLoggerFactory: (logger: FastifyBaseLogger, bindings: Parameters<FastifyBaseLogger['child']>[0], opts: Parameters<FastifyBaseLogger['child']>[1], raw: { url?: string }): FastifyBaseLogger =>
      config.logLevel !== 'debug' && isPublicPath(raw.url) ? logger : logger.child(bindings, opts),
    bodyLimit: MAX_JSON_BODY_BYTES,
    // Node checks the headers and request deadlines on a timer (every 30 s by default, which let a
    // slow client hold a socket ~80 s); check often enough that the configured deadline is the real one.
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    } satisfies http.ServerOptions,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleSocketMs,
    // Client IPs feed the login limit: behind a reverse proxy, trust exactly its hops.
    trustProxy: config.trustProxyHops > 0 ? config.trustProxyHops : false,
    requestIdHeader: false,
    genReqId: (req: http.IncomingMessage) => requestIdOf(req.headers),
  });
  const instance = adapter.getInstance();
  instance.decorate('fastPaths', fastPaths);
  // Once closing starts, Fastify answers every request (503, Connection: close) so the server can drain.
  instance.addHook('preClose', (done) => {
    fastPaths.close();
    done();
  });
  return adapter;
}

/** What every HTTP app gets, in production and in tests alike: uploads, the error shape, validation, OpenAPI. */
export async function configureHttpApp(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 } });
  app
    .getHttpAdapter()
    .getInstance()
    // Synchronous and early: an async onSend hook costs every request a promise (measured on /l/:code).
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    })
    // The one text rule (no NUL, no lone surrogate; bodies at most 64 levels deep) for every route,
    // Nest's and Fastify's own, before the validation pipe walks the body recursively; routes marked
    // `hotPublicPath` (the landing page) check their parameters themselves.
    .addHook('preValidation', (request, _reply, done) => {
      if (request.routeOptions.config.hotPublicPath === true) return done();
      try {
        assertTextInput(request);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ChannelKit API')
      .setDescription(
        'Through-channel marketing automation. Authenticate with POST /api/v1/auth/login (or a personal API token) and send ' +
          '`Authorization: Bearer <token>`. Errors always have the shape { statusCode, code, message, details?, requestId }. ' +
          "Lists take ?limit= (at most 100) and ?cursor= (the previous page's nextCursor).",
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/** Builds the HTTP application (not yet listening), with the worker in it for role `all`. */
export async function createHttpApp(config: AppConfig, options: { logger: LoggerService | false; requestLog: boolean }): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createFastifyAdapter(config, options), {
    logger: options.logger,
  });
  await configureHttpApp(app);
  return app;
}
