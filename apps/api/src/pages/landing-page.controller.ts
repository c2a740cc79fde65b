import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LeadService } from '@app/campaigns';
import { DomainError, escapeHtml, SLUG_PATTERN } from '@app/core';
import { Public } from '../auth/auth.decorators';
import { LANDING_PAGE_HEADERS } from './landing-page-headers';
import { publicPage } from './public-page';

/** The landing page's lead form (`POST /p/:partner/:kit/lead`); the page itself is `LandingPageRoute`. */
@ApiExcludeController()
@Controller('p')
export class LandingPageController {
  constructor(private readonly leads: LeadService) {}

  /** The landing page's form: validated here, attributed to the launch and the visitor's last click. */
  @Public()
  @Post(':partner/:kit/lead')
  @HttpCode(200)
  async lead(
    @Param('partner') partnerSlug: string,
    @Param('kit') kitSlug: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    void reply.headers(LANDING_PAGE_HEADERS).header('cache-control', 'no-store');
    if (!SLUG_PATTERN.test(partnerSlug) || !SLUG_PATTERN.test(kitSlug) || typeof body !== 'object' || body === null) {
      await reply.status(404).send(publicPage('Page not found', '<p>There is no campaign at this address.</p>'));
      return;
    }
    let outcome;
    try {
      outcome = await this.leads.capture(partnerSlug, kitSlug, body, { ip: request.ip, clickId: clickCookie(request) });
    } catch (error) {
      if (error instanceof DomainError && error.statusCode < 500) {
        await reply.status(error.statusCode).send(publicPage('Please check the form', `<p>${escapeHtml(error.message)}. Go back and try again.</p>`));
        return;
      }
      throw error;
    }
    switch (outcome.state) {
      case 'captured':
      case 'ignored': // the honeypot: a bot is thanked like a person, and nothing is kept
        await reply.send(publicPage('Thank you', `<p>${escapeHtml(outcome.partnerName)} will be in touch soon.</p>`));
        return;
      case 'ended':
        await reply.status(410).send(publicPage('This campaign has ended', '<p>Thank you for your interest. This offer is no longer available.</p>'));
        return;
      case 'limited':
        await reply.status(429).send(publicPage('Too many attempts', '<p>Please wait a few minutes before sending the form again.</p>'));
        return;
      case 'missing':
        await reply.status(404).send(publicPage('Page not found', '<p>There is no campaign at this address.</p>'));
        return;
    }
  }
}

/** The click id cookie that /l/:code set, for attribution. */
function clickCookie(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  const match = /(?:^|;\s*)ck_cid=([0-9a-fA-F-]{36})(?:;|$)/.exec(header);
  return match?.[1] ?? null;
}

