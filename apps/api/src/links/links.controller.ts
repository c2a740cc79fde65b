import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, UuidPipe } from '@app/core';
import { LinkStats, LinkStatsService } from '@app/links';
import { Can, CurrentUser } from '../auth/auth.decorators';

/** Trackable-link reports: partner users see their own links (another partner's answers 404), vendors all. */
@ApiTags('links')
@ApiBearerAuth()
@Controller('api/v1/links')
export class LinksController {
  constructor(private readonly stats: LinkStatsService) {}

  @Can('read-launches')
  @Get(':id/stats')
  linkStats(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LinkStats> {
    return this.stats.forLink(principal, id);
  }
}
