import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, escapeHtml, InviteService, MIN_PASSWORD_LENGTH } from '@app/core';
import { Public } from '../auth/auth.decorators';
import { publicPage } from './public-page';

/**
 * The page an invitation email links to: set a password, then sign in. A plain form so it works
 * before (and without) the portal; the portal will take this route over later.
 */
@ApiExcludeController()
@Controller('invite')
export class InvitePageController {
  constructor(private readonly invites: InviteService) {}

  @Public()
  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async form(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!(await this.invites.isUsable(token))) {
      void reply.status(410);
      return publicPage('This link no longer works', '<p>This invitation link is invalid, expired or already used. Ask whoever invited you to send a new one.</p>');
    }
    return publicPage(
      'Accept your invitation',
      `<form method="post" action="/invite/${encodeURIComponent(token)}">
        <label>Choose a password (at least ${MIN_PASSWORD_LENGTH} characters)<br><input type="password" name="password" minlength="${MIN_PASSWORD_LENGTH}" maxlength="200" required autocomplete="new-password"></label>
        <button type="submit">Set password</button>
      </form>`,
      { form: true },
    );
  }

  @Public()
  @Post(':token')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async accept(@Param('token') token: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const password = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).password : undefined;
    try {
      const { user } = await this.invites.accept(token, typeof password === 'string' ? password : '');
      return publicPage('You are all set', `<p>Welcome, ${escapeHtml(user.name)}. Your password is set; sign in as <strong>${escapeHtml(user.email)}</strong>.</p>`);
    } catch (error) {
      if (error instanceof DomainError) {
        // The failure page keeps the error's status (410 used or expired, 400 short password), not a 2xx.
        void reply.status(error.statusCode);
        return publicPage('That did not work', `<p>${escapeHtml(error.message)}</p>`);
      }
      throw error;
    }
  }
}

