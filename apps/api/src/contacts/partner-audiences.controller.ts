import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import { AudienceService, PartnerAudiencePageView, PartnerAudienceView } from '@app/contacts';
import { PartnerService } from '@app/partners';
import { Can, CurrentUser } from '../auth/auth.decorators';

/**
 * A partner's audiences for the vendor roles that launch on its behalf (concierge): names and
 * counts only. The contacts stay the partner's; partner users manage theirs at /api/v1/audiences.
 */
@ApiTags('audiences')
@ApiBearerAuth()
@Controller('api/v1/partners/:partnerId/audiences')
export class PartnerAudiencesController {
  constructor(
    private readonly partners: PartnerService,
    private readonly audiences: AudienceService,
  ) {}

  @Can('read-partner-audiences')
  @Get()
  @ApiOkResponse({ type: PartnerAudiencePageView, description: 'the partner’s audiences by name, with how many contacts each matches and would email; 404 for an unknown partner' })
  async list(@CurrentUser() principal: Principal, @Param('partnerId', UuidPipe) partnerId: string, @Query() query: PageQuery): Promise<PartnerAudiencePageView> {
    await this.partners.get(principal, partnerId);
    const page = await this.audiences.summariesForPartner(principal, partnerId, query);
    return { items: page.items.map((a) => PartnerAudienceView.of(a.audience, a.counts)), nextCursor: page.nextCursor };
  }
}
