import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Principal, UuidPipe } from '@app/core';
import { CreateSendingDomainDto, SendingDomainService, SendingDomainView, SetDkimKeyDto } from '@app/mailing';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';

/**
 * A partner's own sending domains: partner admins for their own partner (another partner's
 * answers 404), vendor admins for any partner.
 */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/v1/partners/:partnerId/sending-domains')
export class SendingDomainsController {
  constructor(private readonly domains: SendingDomainService) {}

  @Can('manage-sending-domains')
  @Get()
  @ApiOkResponse({ type: [SendingDomainView] })
  async list(@CurrentUser() principal: Principal, @Param('partnerId', UuidPipe) partnerId: string): Promise<SendingDomainView[]> {
    return this.domains.list(principal, partnerId);
  }

  @Can('manage-sending-domains')
  @Post()
  @ApiCreatedResponse({ type: SendingDomainView, description: 'create verificationRecord in DNS, then call verify; 409 SENDING_DOMAIN_TAKEN when any partner has the domain' })
  async create(
    @CurrentUser() principal: Principal,
    @Param('partnerId', UuidPipe) partnerId: string,
    @Body() body: CreateSendingDomainDto,
    @RequestId() requestId: string,
  ): Promise<SendingDomainView> {
    return this.domains.create(principal, partnerId, body, requestId);
  }

  @Can('manage-sending-domains')
  @Post(':id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: SendingDomainView, description: 'the TXT record was found: mail from this partner now uses the domain' })
  @ApiUnprocessableEntityResponse({ description: 'DOMAIN_NOT_VERIFIED; details.record is the TXT record to create, details.found what DNS has now' })
  async verify(
    @CurrentUser() principal: Principal,
    @Param('partnerId', UuidPipe) partnerId: string,
    @Param('id', UuidPipe) id: string,
    @RequestId() requestId: string,
  ): Promise<SendingDomainView> {
    return this.domains.verify(principal, partnerId, id, requestId);
  }

  @Can('manage-sending-domains')
  @Put(':id/dkim')
  @ApiOkResponse({ type: SendingDomainView, description: 'the key is kept for signing and never returned; publish dkimRecord in DNS' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED naming privateKey: not a PEM RSA private key of 1024-4096 bits' })
  async setDkim(
    @CurrentUser() principal: Principal,
    @Param('partnerId', UuidPipe) partnerId: string,
    @Param('id', UuidPipe) id: string,
    @Body() body: SetDkimKeyDto,
    @RequestId() requestId: string,
  ): Promise<SendingDomainView> {
    return this.domains.setDkim(principal, partnerId, id, body, requestId);
  }

  @Can('manage-sending-domains')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted; mail from the partner falls back to the vendor sending domain' })
  async remove(
    @CurrentUser() principal: Principal,
    @Param('partnerId', UuidPipe) partnerId: string,
    @Param('id', UuidPipe) id: string,
    @RequestId() requestId: string,
  ): Promise<void> {
    await this.domains.remove(principal, partnerId, id, requestId);
  }
}
