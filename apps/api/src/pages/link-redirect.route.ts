import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, AppConfig, FastAnswer } from '@app/core';
import { LinkRedirectService, RedirectOutcome } from '@app/links';
import { publicPage } from './public-page';

const CLICK_COOKIE_MAX_AGE_S = 30 * 24 * 3600;
const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
const ENDED: FastAnswer = {
  status: 410,
  headers: HTML,
  body: publicPage('This campaign has ended', '<p>Thank you for your interest. This offer is no longer available; please contact the partner who sent it to you.</p>'),
};
const NOT_FOUND: FastAnswer = { status: 404, headers: HTML, body: publicPage('Link not found', '<p>This link does not exist. Please check that you copied it completely.</p>') };
const FAILED: FastAnswer = { status: 500, headers: HTML, body: publicPage('Something went wrong', '<p>Please try the link again in a moment.</p>') };

/**
 * `GET /l/:code` (and HEAD): the public redirect of a trackable link, the platform's hottest path.
 *
 * A fast path (`FastPaths`): node:http answers it ahead of Fastify, since Fastify's routing, hooks
 * and reply (and Nest's pipeline before them) would be most of its cost, and it needs none of them:
 * it is public, takes one path segment (the code, checked against the code pattern), never reads a
 * body and never throws a domain error. Its one optional query parameter, `m`, names the email
 * message a click came from (attribution only). The Location comes only from the cached link
 * (destination or fallback), never from the request. `npm run bench:links` measures it against a
 * bare node:http server.
 */
@Injectable()
export class LinkRedirectRoute implements OnModuleInit {
  private readonly logger = new Logger('LinkRedirect');
  private readonly cookieAttributes: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redirects: LinkRedirectService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cookieAttributes = `; Path=/; Max-Age=${CLICK_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${config.publicUrl.startsWith('https:') ? '; Secure' : ''}`;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.fastPaths.add(
      '/l/',
      (request) => {
        const outcome = this.redirects.handle({ code: request.segment, method: request.method, ip: request.ip, headers: request.headers, messageId: messageParam(request.query) });
        return outcome instanceof Promise ? outcome.then((o) => this.answer(o)) : this.answer(outcome);
      },
      (error, request) => {
        this.logger.error(`redirect ${request.requestId} failed: ${error.message}`);
        return FAILED;
      },
    );
  }

  private answer(outcome: RedirectOutcome): FastAnswer {
    switch (outcome.kind) {
      case 'redirect':
        return { status: 302, headers: { location: outcome.location, 'cache-control': 'no-store', 'set-cookie': `ck_cid=${outcome.clickId}${this.cookieAttributes}` } };
      case 'ended-page':
        return ENDED;
      case 'not-found':
        return NOT_FOUND;
    }
  }
}

/** `?m=<message id>` when given once (validated by the service); repeated, it attributes nothing. */
function messageParam(query: string): string | undefined {
  if (query === '' || !query.includes('m=')) return undefined;
  const values = new URLSearchParams(query).getAll('m');
  return values.length === 1 ? values[0] : undefined;
}

