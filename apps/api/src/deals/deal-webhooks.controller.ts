import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, UuidPipe } from '@app/core';
import { CreatedWebhookEndpointView, CreateWebhookEndpointDto, DealWebhookService, WebhookEndpointView } from '@app/deals';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';

/** Endpoints told of every deal status change (signed POSTs, retried until they answer 2xx). Vendor admins. */
@ApiTags('deals')
@ApiBearerAuth()
@Controller('api/v1/deals/webhooks')
export class DealWebhooksController {
  constructor(private readonly webhooks: DealWebhookService) {}

  @Can('manage-deal-webhooks')
  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookEndpointView, description: 'the secret is in this answer only; verify X-ChannelKit-Signature (t=<unix>,v1=<hex HMAC-SHA256 of the body>) with it' })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateWebhookEndpointDto, @RequestId() requestId: string): Promise<CreatedWebhookEndpointView> {
    const created = await this.webhooks.createEndpoint(principal, body, requestId);
    return { ...WebhookEndpointView.of(created), secret: created.secret };
  }

  @Can('manage-deal-webhooks')
  @Get()
  @ApiOkResponse({ type: [WebhookEndpointView] })
  async list(): Promise<WebhookEndpointView[]> {
    return (await this.webhooks.listEndpoints()).map((e) => WebhookEndpointView.of(e));
  }

  @Can('manage-deal-webhooks')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'no more deliveries, pending retries included' })
  async remove(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @RequestId() requestId: string): Promise<void> {
    await this.webhooks.deleteEndpoint(principal, id, requestId);
  }
}
