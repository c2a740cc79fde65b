import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, UuidPipe } from '@app/core';
import { CreateTierDto, PartnerService, TierView, UpdateTierDto } from '@app/partners';
import { Can, CurrentUser } from '../auth/auth.decorators';

@ApiTags('tiers')
@ApiBearerAuth()
@Controller('api/v1/tiers')
export class TiersController {
  constructor(private readonly partners: PartnerService) {}

  @Can('read-tiers')
  @Get()
  @ApiOkResponse({ type: [TierView], description: 'every tier, lowest rank first (a short, bounded list)' })
  async list(): Promise<TierView[]> {
    return (await this.partners.listTiers()).map((t) => TierView.of(t));
  }

  @Can('manage-tiers')
  @Post()
  @ApiCreatedResponse({ type: TierView })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateTierDto): Promise<TierView> {
    return TierView.of(await this.partners.createTier(principal, body));
  }

  @Can('manage-tiers')
  @Patch(':id')
  @ApiOkResponse({ type: TierView })
  async update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateTierDto): Promise<TierView> {
    return TierView.of(await this.partners.updateTier(principal, id, body));
  }
}
