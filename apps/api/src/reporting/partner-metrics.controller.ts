import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '@app/core';
import { PartnerMetricsDto, PartnerMetricsPageDto, PartnerMetricsQuery, PartnerMetricsService } from '@app/reporting';
import { Can } from '../auth/auth.decorators';

/** The vendor's partners list: tier, status, time to first deal and latest activity of every partner, in one request a page. */
@ApiTags('reporting')
@ApiBearerAuth()
@Controller('api/v1/reporting/partners')
export class PartnerMetricsController {
  constructor(private readonly metrics: PartnerMetricsService) {}

  @Can('read-program-reports')
  @Get()
  @ApiOkResponse({ type: PartnerMetricsPageDto, description: 'searched by name, filtered by tier, region and status, sorted by name, last activity or time to first deal (partners without the figure last)' })
  list(@Query() query: PartnerMetricsQuery): Promise<PartnerMetricsPageDto> {
    return this.metrics.list(query);
  }

  @Can('read-program-reports')
  @Get(':id')
  @ApiOkResponse({ type: PartnerMetricsDto, description: 'one partner’s figures, as the list shows them' })
  get(@Param('id', UuidPipe) id: string): Promise<PartnerMetricsDto> {
    return this.metrics.get(id);
  }
}
