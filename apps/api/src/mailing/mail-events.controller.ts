import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { MAX_PROVIDER_EVENTS, ProviderEventsDto, ProviderEventsResultView, ProviderEventsService } from '@app/mailing';
import { Public } from '../auth/auth.decorators';
import { MailWebhookGuard } from './mail-webhook.guard';

// Unversioned on purpose: a provider is configured with this URL once, and it outlives API versions.
@ApiTags('webhooks')
@Controller('api/webhooks')
export class MailEventsController {
  constructor(private readonly events: ProviderEventsService) {}

  @Public()
  @UseGuards(MailWebhookGuard)
  @Post('mail-events')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Deliveries, bounces, complaints and replies from the mail provider',
    description:
      `Authenticate with \`Authorization: Bearer <MAIL_WEBHOOK_SECRET>\` (the route answers 404 while the variable is unset). ` +
      `At most ${MAX_PROVIDER_EVENTS} events per request, matched to messages by Message-ID; each event id is applied once. ` +
      'delivered: marks the message delivered. bounce (hard): the address is suppressed for every partner and its pending messages cancelled; ' +
      'bounce (soft): recorded only. complaint: the address is suppressed for the message’s partner and its pending messages from that partner cancelled. ' +
      'reply: marks the message replied (a nurture sequence exits on it).',
  })
  @ApiOkResponse({ type: ProviderEventsResultView })
  @ApiUnauthorizedResponse({ description: 'missing or wrong secret' })
  @ApiNotFoundResponse({ description: 'MAIL_WEBHOOK_SECRET is not set' })
  async receive(@Body() body: ProviderEventsDto): Promise<ProviderEventsResultView> {
    return this.events.ingest(body.events);
  }
}
