import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/core';
import { LinkRedirectService, RedirectOutcome } from '@app/links';
import { publicPage } from './public-page';

const CLICK_COOKIE_MAX_AGE_S = 30 * 24 * 3600;

/**
 * `GET /l/:code` (and the HEAD Fastify derives from it): the public redirect of a trackable link.
 *
 * Registered on the Fastify instance directly rather than as a Nest controller: it is the hottest
 * public route, and the Nest pipeline (guard, execution context, pipes, filter) is per-request work
 * this route does not need: it is public, takes one path parameter it validates itself, and never
 * throws a domain error. Its one optional query parameter, `m`, names the email message a click
 * came from (attribution only). `npm run bench:links` measures it against a bare node:http server.
 * The Location comes only from the cached link (destination or fallback), never from the request.
 */
@Injectable()
export class LinkRedirectRoute implements OnModuleInit {
  private readonly logger = new Logger('LinkRedirect');
  private readonly secureCookie: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redirects: LinkRedirectService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secureCookie = config.publicUrl.startsWith('https:') ? '; Secure' : '';
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // No per-request log line at info level: a click is recorded as a click, not as a log line.
    fastify.get('/l/:code', { logLevel: 'warn', config: { hotPublicPath: true } }, (request: FastifyRequest<{ Params: { code: string }; Querystring: { m?: unknown } | undefined }>, reply: FastifyReply) => {
      // `?m=<message id>` attributes the click to the email it came from; validated in the service.
      const outcome = this.redirects.handle({ code: request.params.code, method: request.method, ip: request.ip, headers: request.headers, messageId: request.query?.m });
      if (!(outcome instanceof Promise)) {
        this.send(reply, outcome);
        return;
      }
      return outcome.then(
        (o) => void this.send(reply, o),
        (error: Error) => {
          this.logger.error(`redirect ${request.id} failed: ${error.message}`);
          void reply.code(500).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(publicPage('Something went wrong', '<p>Please try the link again in a moment.</p>'));
        },
      );
    });
  }

  private send(reply: FastifyReply, outcome: RedirectOutcome): void {
    switch (outcome.kind) {
      case 'redirect':
        void reply
          .code(302)
          .header('location', outcome.location)
          .header('cache-control', 'no-store')
          .header('set-cookie', `ck_cid=${outcome.clickId}; Path=/; Max-Age=${CLICK_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${this.secureCookie}`)
          .send();
        return;
      case 'ended-page':
        void reply
          .code(410)
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(publicPage('This campaign has ended', '<p>Thank you for your interest. This offer is no longer available; please contact the partner who sent it to you.</p>'));
        return;
      case 'not-found':
        void reply
          .code(404)
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(publicPage('Link not found', '<p>This link does not exist. Please check that you copied it completely.</p>'));
        return;
    }
  }
}

