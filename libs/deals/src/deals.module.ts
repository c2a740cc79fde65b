import { Module } from '@nestjs/common';
import { CampaignsModule } from '@app/campaigns';
import { ContactsModule } from '@app/contacts';
import { LinksModule } from '@app/links';
import { NurtureModule } from '@app/nurture';
import { PartnersModule } from '@app/partners';
import { DealCsvService } from './deal-csv.service';
import { DealMetrics } from './deal-metrics.service';
import { DealRepository } from './deal.repository';
import { DealService } from './deal.service';
import { DealWebhookRepository } from './deal-webhook.repository';
import { DealWebhookService } from './deal-webhook.service';
import { VendorOpportunityService } from './vendor-opportunity.service';

/** Deal registration: conflicts, approval and protection, attribution, CSV, status webhooks. */
@Module({
  imports: [NurtureModule, PartnersModule, CampaignsModule, ContactsModule, LinksModule],
  providers: [DealRepository, DealService, DealWebhookRepository, DealWebhookService, DealCsvService, DealMetrics, VendorOpportunityService],
  exports: [DealService, DealWebhookService, DealCsvService, DealMetrics, VendorOpportunityService],
})
export class DealsModule {}
