import { Module } from '@nestjs/common';
import { CampaignsModule } from '@app/campaigns';
import { MdfModule } from '@app/mdf';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { PartnerMetricsRepository } from './partner-metrics.repository';
import { PartnerMetricsService } from './partner-metrics.service';

/** Read-only reporting across the domain libs: the vendor dashboard and the partners list. Nothing below depends on it. */
@Module({
  imports: [CampaignsModule, MdfModule],
  providers: [DashboardRepository, DashboardService, PartnerMetricsRepository, PartnerMetricsService],
  exports: [DashboardService, PartnerMetricsService],
})
export class ReportingModule {}
