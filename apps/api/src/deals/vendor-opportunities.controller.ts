import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import { CreateVendorOpportunityDto, VendorOpportunityPageView, VendorOpportunityService, VendorOpportunityView } from '@app/deals';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';


/** The vendor's own open opportunities: partner registrations on the same customer are flagged as conflicts. */
@ApiTags('deals')
@ApiBearerAuth()
@Controller('api/v1/deals/vendor-opportunities')
export class VendorOpportunitiesController {
  constructor(private readonly opportunities: VendorOpportunityService) {}

  @Can('manage-vendor-opportunities')
  @Post()
  @ApiCreatedResponse({ type: VendorOpportunityView })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateVendorOpportunityDto, @RequestId() requestId: string): Promise<VendorOpportunityView> {
    return VendorOpportunityView.of(await this.opportunities.create(principal, body, requestId));
  }

  @Can('manage-vendor-opportunities')
  @Get()
  @ApiOkResponse({ type: VendorOpportunityPageView })
  async list(@Query() query: PageQuery): Promise<VendorOpportunityPageView> {
    const page = await this.opportunities.list(query);
    return { items: page.items.map((o) => VendorOpportunityView.of(o)), nextCursor: page.nextCursor };
  }

  @Can('manage-vendor-opportunities')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: VendorOpportunityView, description: 'a closed opportunity no longer conflicts with new registrations' })
  async close(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @RequestId() requestId: string): Promise<VendorOpportunityView> {
    return VendorOpportunityView.of(await this.opportunities.close(principal, id, requestId));
  }
}
