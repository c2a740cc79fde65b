import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal } from '@app/core';
import { DashboardDto, DashboardQuery, DashboardService } from '@app/reporting';
import { Can, CurrentUser } from '../auth/auth.decorators';

/** The vendor dashboard: every chart of the vendor's home in one round trip. */
@ApiTags('reporting')
@ApiBearerAuth()
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Can('read-program-reports')
  @Get()
  @ApiOkResponse({
    type: DashboardDto,
    description: 'weekly clicks (raw and filtered), leads and active partner rate; adoption by tier; the launch-to-deal funnel; MDF utilisation and return; time to first deal',
  })
  get(@CurrentUser() principal: Principal, @Query() query: DashboardQuery): Promise<DashboardDto> {
    return this.dashboard.get(principal, query);
  }
}
