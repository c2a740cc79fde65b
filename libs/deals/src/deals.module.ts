import { Module } from '@nestjs/common';
import { NurtureModule } from '@app/nurture';
import { DealCsvService } from './deal-csv.service';
import { DealMetrics } from './deal-metrics.service';
import { DealRepository } from './deal.repository';
import { DealService } from './deal.service';
import { DealWebhookService } from './deal-webhook.service';
import { VendorOpportunityService } from './vendor-opportunity.service';

/** Deal registration: conflicts, approval and protection, attribution, CSV, status webhooks. */
@Module({
  imports: [NurtureModule],
  providers: [DealRepository, DealService, DealWebhookService, DealCsvService, DealMetrics, VendorOpportunityService],
  exports: [DealService, DealWebhookService, DealCsvService, DealMetrics, VendorOpportunityService],
})
export class DealsModule {}
