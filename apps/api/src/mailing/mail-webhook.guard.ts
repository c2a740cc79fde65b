import { CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '@app/core';
import { ProviderEventsService } from '@app/mailing';

/**
 * The shared secret, checked before the body is validated: without it a caller learns nothing,
 * and while no secret is configured the route answers like one that does not exist.
 */
@Injectable()
export class MailWebhookGuard implements CanActivate {
  constructor(private readonly events: ProviderEventsService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    switch (this.events.access(request.headers.authorization)) {
      case 'ok':
        return true;
      case 'off':
        throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
      case 'denied':
        throw new UnauthenticatedError('Send Authorization: Bearer <MAIL_WEBHOOK_SECRET>');
    }
  }
}
