import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LandingPage, LandingPageService } from '@app/campaigns';
import { escapeHtml, SLUG_PATTERN } from '@app/core';
import { LANDING_PAGE_HEADERS } from './landing-page-headers';
import { publicPage } from './public-page';

const MISSING: LandingPage = { state: 'missing' };

/**
 * `GET /p/:partner/:kit` (and HEAD): a launch's co-branded landing page; an ended launch shows a
 * polite "campaign ended" page. Answered from the landing-page cache (dropped in every process when
 * what a page is made from changes) and registered on Fastify directly, like the redirect: every
 * visitor a partner's campaign brings lands here, the route is public and takes two slugs it checks
 * itself. The lead form it posts to stays a Nest controller (`LandingPageController`).
 */
@Injectable()
export class LandingPageRoute implements OnModuleInit {
  private readonly logger = new Logger('LandingPage');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly landing: LandingPageService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.get('/p/:partner/:kit', { logLevel: 'warn', config: { hotPublicPath: true } }, (request: FastifyRequest<{ Params: { partner: string; kit: string } }>, reply: FastifyReply) => {
      const { partner, kit } = request.params;
      const page = SLUG_PATTERN.test(partner) && SLUG_PATTERN.test(kit) ? this.landing.page(partner, kit) : MISSING;
      if (!(page instanceof Promise)) return void this.send(reply, page);
      return page.then(
        (p) => void this.send(reply, p),
        (error: Error) => {
          this.logger.error(`landing page ${request.id} failed: ${error.message}`);
          void reply.code(500).headers(LANDING_PAGE_HEADERS).header('cache-control', 'no-store').send(publicPage('Something went wrong', '<p>Please try again in a moment.</p>'));
        },
      );
    });
  }

  private send(reply: FastifyReply, page: LandingPage): void {
    void reply.headers(LANDING_PAGE_HEADERS);
    switch (page.state) {
      case 'live':
        void reply.header('cache-control', 'no-cache').send(page.html);
        return;
      case 'ended':
        void reply
          .code(410)
          .send(publicPage('This campaign has ended', `<p>Thank you for your interest. This offer from ${escapeHtml(page.partner.name)} is no longer available.${page.partner.website ? ` Visit <a href="${escapeHtml(page.partner.website)}">${escapeHtml(page.partner.website)}</a> for current offers.` : ''}</p>`));
        return;
      case 'missing':
        void reply.code(404).send(publicPage('Page not found', '<p>There is no campaign at this address.</p>'));
        return;
    }
  }
}
