import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, UuidPipe, VENDOR_ROLES } from '@app/core';
import { CreateTierDto, PartnerService, TierView, UpdateTierDto } from '@app/partners';
import { CurrentUser, Roles } from '../auth/auth.decorators';

@ApiTags('tiers')
@ApiBearerAuth()
@Controller('api/v1/tiers')
export class TiersController {
  constructor(private readonly partners: PartnerService) {}

  @Roles(...VENDOR_ROLES)
  @Get()
  @ApiOkResponse({ type: [TierView], description: 'every tier, lowest rank first (a short, bounded list)' })
  async list(): Promise<TierView[]> {
    return (await this.partners.listTiers()).map((t) => TierView.of(t));
  }

  @Roles('vendor_admin')
  @Post()
  @ApiCreatedResponse({ type: TierView })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateTierDto): Promise<TierView> {
    return TierView.of(await this.partners.createTier(principal, body));
  }

  @Roles('vendor_admin')
  @Patch(':id')
  @ApiOkResponse({ type: TierView })
  async update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateTierDto): Promise<TierView> {
    return TierView.of(await this.partners.updateTier(principal, id, body));
  }
}
