import { Module } from '@nestjs/common';
import { CampaignsModule } from '@app/campaigns';
import { MdfModule } from '@app/mdf';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/** Read-only reporting across the domain libs: the vendor dashboard. Nothing below depends on it. */
@Module({
  imports: [CampaignsModule, MdfModule],
  providers: [DashboardRepository, DashboardService],
  exports: [DashboardService],
})
export class ReportingModule {}
